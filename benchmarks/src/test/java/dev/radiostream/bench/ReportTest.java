package dev.radiostream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReportTest {

    private static final Map<String, String> BASELINE = Map.of("max.poll.records", "10000");

    @Test
    void kafkaConsumerSettingsSideBySide() {
        Map<String, Map<String, String>> services = new LinkedHashMap<>();
        services.put("kafka-to-cassandra-service", Map.of());
        services.put("kafka-to-elastic-service", Map.of("max.poll.records", "10000", "check.crcs", "false"));
        List<String> lines = Report.kafkaConsumerLines(BASELINE, services);
        assertEquals("Kafka consumer, baselines: `max.poll.records=10000`", lines.get(0));
        assertEquals("Kafka consumer, kafka-to-cassandra-service (`kafka.consumer.*` of its packaged configuration): "
                + "none set (differs from the baselines in max.poll.records)", lines.get(1));
        assertEquals("Kafka consumer, kafka-to-elastic-service (`kafka.consumer.*` of its packaged configuration): "
                + "`max.poll.records=10000`, `check.crcs=false` (differs from the baselines in check.crcs)", lines.get(2));
        assertEquals("Kafka consumer, kafka-to-elastic-service (`kafka.consumer.*` of its packaged configuration): "
                + "`max.poll.records=10000` (the same as the baselines)",
                Report.kafkaConsumerLines(BASELINE, Map.of("kafka-to-elastic-service", Map.of("max.poll.records", "10000"))).get(1));
    }

    @Test
    void spreadIgnoresUnknownValues() {
        assertEquals("2 (1–3)", Report.spread(List.of(1.0, Double.NaN, 3.0, 2.0), v -> v, "%,.0f", "n/a"));
        assertEquals("n/a", Report.spread(List.of(Double.NaN), v -> v, "%,.0f", "n/a"));
        assertEquals("1,500", Report.spread(List.of(1500.0), v -> v, "%,.0f", "n/a"));
    }

    @Test
    void rendersColdWarmCostSpillAndGoals() {
        BenchConfig config = BenchConfig.parse(new String[] {"--only", "plays,parquet", "--records", "1000", "--runs", "1"},
                Path.of("."));
        config.command = "./bench --only plays,parquet";
        Results results = new Results();
        ProcStats ready = new ProcStats(500_000, 400_000, 2.0);
        results.throughput.add(new Results.Throughput("plays", "elastic-plays-baseline", 1, true, 1000, 1.0, 0.5, 1.5,
                ready, new ProcStats(700_000, 600_000, 3.0), new Results.Warm(1000, 0.2, 0.4, 0.8), null,
                "cold 1,000 docs; warm 2,000 docs", true));
        results.throughput.add(new Results.Throughput("plays", "elastic-plays-service", 1, false, 1000, 8.0, 2.0, 10.0,
                ready, new ProcStats(1_600_000, 600_000, 6.0), new Results.Warm(1000, 0.2, 1.0, 3.0),
                new Spill(2 * 1048576, 1048576), "cold 1,000 docs; warm 2,000 docs", true));
        results.throughput.add(new Results.Throughput("parquet", "producer-service", 1, false, 100, 5.0, 1.0, 6.0,
                ready, new ProcStats(900_000, 600_000, 4.0), null, null, "ok", true));
        Map<String, String> labels = Map.of("elastic-plays-baseline", "baseline: plays", "elastic-plays-service", "plays service",
                "producer-service", "producer");
        String md = new Report(config, results, labels, Map.of("CPU", "test"),
                Map.of("kafka-to-elastic-service", Map.of()), "1 / 1 / 1", Duration.ofMinutes(3)).render();
        // Cold and warm rates and their ratios to the baseline.
        assertTrue(md.contains("| contender | cold records/s from ready | × baseline | warm records/s | × baseline "
                + "| cold records/s incl. start | × baseline | start → ready s | check |"), md);
        assertTrue(md.contains("| plays service | 500 | 0.25 | 1,000 | 0.40 | 100 | 0.15 | 8.0 | ok: cold 1,000 docs; warm 2,000 docs |"), md);
        // CPU from ready: 4 s for 1,000 records = 4,000 µs/record; warm 3 s / 1,000; spill 1 MiB to disk of 2 MiB.
        assertTrue(md.contains("| plays service | 1,563 | 6 | 4.0 | 4,000.0 | 3,000.0 | 1.0 | 2.0 |"), md);
        assertTrue(md.contains("| baseline: plays | 684 | 3 | 1.0 | 1,000.0 | 800.0 | – | – |"), md);
        // The producer has no spill figures: n/a; no warm column.
        assertTrue(md.contains("| producer | 879 | 4 | 2.0 | 20,000.0 | n/a | n/a |"), md);
        assertTrue(md.contains("| throughput ≥ 0.7 × baseline (from ready, cold drain) | plays service | 0.25× | **no** |"), md);
        assertTrue(md.contains("| peak RSS ≤ 1.5 GiB (worst run) | plays service | 1,563 MiB | **no** |"), md);
        assertTrue(md.contains("| plays | elastic-plays-service | 1 | 1,000 | 8.0 | 2.0 | 500 | 100 | 6 | 4.0 | 4,000.0 | 0.2 "
                + "| 1.0 | 1,000 | 3,000.0 | 1,563 | 1.0 / 2.0 | ok: cold 1,000 docs; warm 2,000 docs |"), md);
        assertTrue(md.contains("Kafka consumer, kafka-to-elastic-service"), md);
    }
}
