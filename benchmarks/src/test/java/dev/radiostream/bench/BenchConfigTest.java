package dev.radiostream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BenchConfigTest {

    @Test
    void playsIsADefaultSectionAndCanBeChosenAlone() {
        assertEquals(List.of("cassandra", "elastic", "plays", "parquet", "latency"),
                List.copyOf(BenchConfig.parse(new String[0], Path.of(".")).sections));
        BenchConfig only = BenchConfig.parse(new String[] {"--only", "plays", "--records", "200,000"}, Path.of("."));
        assertEquals(List.of("plays"), List.copyOf(only.sections));
        assertEquals(200_000, only.records);
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.parse(new String[] {"--only", "songs"}, Path.of(".")));
    }

    @Test
    void servicesRunAsConfiguredPlusSet() {
        BenchConfig config = BenchConfig.parse(new String[] {"--as-configured",
                "--set", "kafka-to-elastic-service:consumer.max-offsets-per-trigger=500000"}, Path.of("."));
        // Each consumer and its baseline get the same batch bound: the consumers' default unless --set names another.
        assertEquals(Map.of("consumer.max-offsets-per-trigger", "1000000"), config.settings(BenchConfig.CASSANDRA_MODULE));
        assertEquals(1_000_000, config.baselineBatchRecords(BenchConfig.CASSANDRA_MODULE));
        assertEquals(Map.of("consumer.max-offsets-per-trigger", "500000"), config.settings(BenchConfig.ELASTIC_MODULE));
        assertEquals(500_000, config.baselineBatchRecords(BenchConfig.ELASTIC_MODULE));
        assertTrue(config.settings(BenchConfig.PRODUCER_MODULE).isEmpty());
    }
}
