package dev.radiostream.common.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.radiostream.common.offsets.RejectedRecord;
import dev.radiostream.common.spark.KafkaRecords;
import dev.radiostream.common.spark.Schemas;

/** One pass over a batch: the valid records flow on, the rejected ones are collected on the way. */
class RejectCollectorTest {

    private static final StructType KAFKA_ROW = new StructType()
            .add("key", DataTypes.BinaryType)
            .add("value", DataTypes.BinaryType)
            .add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType)
            .add("timestamp", DataTypes.TimestampType);

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
            rows.add(RowFactory.create(null, value.getBytes(StandardCharsets.UTF_8), "song-counts", i % 2, (long) i,
                    new Timestamp(0)));
        }
        Dataset<Row> parsed = KafkaRecords.parse(spark.createDataFrame(rows, KAFKA_ROW).repartition(4), Schemas.SONG_COUNT,
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
