package dev.radiostream.spark.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.radiostream.core.offsets.RejectedRecord;
import dev.radiostream.spark.records.KafkaRecords;
import dev.radiostream.testing.KafkaRows;
import dev.radiostream.spark.records.Schemas;

/** One pass over a batch: the valid records flow on, the rejected ones are collected on the way. */
class RejectCollectorTest {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("reject-collector-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void validRecordsFlowOnAndRejectsAreCollectedOncePerRecord() {
        List<Row> rows = new ArrayList<>();
        String good = "{\"radio\":\"nova\",\"artist\":\"A\",\"title\":\"T\",\"count\":%d}";
        for (int i = 0; i < 1000; i++) {
            String value = i % 100 == 7 ? "broken " + i : String.format(good, i);
            rows.add(KafkaRows.row(value, i % 2, i));
        }
        Dataset<Row> parsed = KafkaRecords.parse(KafkaRows.of(spark, rows).repartition(4), Schemas.SONG_COUNT,
                1000);
        RejectCollector collector = RejectCollector.start(spark, "song-counts");

        Dataset<Row> valid = collector.validRecords(parsed);
        assertEquals(List.of("partition", "offset", "radio", "artist", "title", "count"), Arrays.asList(valid.columns()));
        assertEquals(990, valid.count());

        List<RejectedRecord> rejected = collector.collected();
        assertEquals(10, rejected.size());
        for (RejectedRecord record : rejected) {
            assertEquals("song-counts", record.topic());
            assertEquals("broken " + record.offset(), record.rawValue());
            assertEquals("not valid JSON", record.reason());
            assertEquals(record.offset() % 2, record.partition());
        }
        // Computed twice (as a retried task would), each reject is still collected once.
        valid.count();
        assertEquals(10, collector.collected().size());
        assertFalse(valid.queryExecution().executedPlan().toString().contains("InMemory"), "nothing is cached");
    }
}
