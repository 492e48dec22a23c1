package dev.radiostream.spark.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.CqlSession;

import dev.radiostream.core.cassandra.CassandraEndpoint;
import dev.radiostream.core.cassandra.CassandraSchema;
import dev.radiostream.core.offsets.DeadLetterPolicy;
import dev.radiostream.core.offsets.RejectedRecord;
import dev.radiostream.core.offsets.RejectedRecordStore;
import dev.radiostream.spark.records.KafkaRecords;
import dev.radiostream.spark.records.RejectReason;
import dev.radiostream.spark.records.Schemas;
import dev.radiostream.testing.KafkaRows;
import dev.radiostream.stack.LocalStack;
import dev.radiostream.stack.StackEndpoints;
import dev.radiostream.stack.TestNames;

/**
 * One pass over a batch: the valid records flow on, the rejected ones are dead-lettered on the way by the
 * executors, into the real Cassandra of the local stack, in chunks, cut to the policy's size.
 */
class RejectCollectorTest {

    private static SparkSession spark;
    private static CassandraEndpoint endpoint;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("reject-collector-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        StackEndpoints stack = LocalStack.shared().ensureUp();
        endpoint = new CassandraEndpoint(stack.cassandraHostAndPort(), stack.cassandraLocalDatacenter(),
                TestNames.unique("rejects"), 1, 10_000);
        try (CqlSession session = endpoint.openSession()) {
            CassandraSchema.createKeyspace(session, endpoint.keyspace(), 1, null);
        }
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void validRecordsFlowOnAndRejectsAreKeptOncePerRecordCutToSize() {
        List<Row> rows = new ArrayList<>();
        String good = "{\"radio\":\"nova\",\"artist\":\"A\",\"title\":\"T\",\"count\":%d}";
        // 2,500 rejects over 4 tasks: more than one chunk per task.
        for (int i = 0; i < 10_000; i++) {
            String value = i % 4 == 3 ? "broken " + i + " " + "x".repeat(100) : String.format(good, i);
            rows.add(KafkaRows.row(value, i % 2, i));
        }
        Dataset<Row> parsed = KafkaRecords.parse(KafkaRows.of(spark, rows).repartition(4), Schemas.SONG_COUNT,
                1000);
        ExecutorDeadLetters deadLetters = new ExecutorDeadLetters("reject-test", "song-counts", endpoint,
                new DeadLetterPolicy(20, Duration.ofDays(1), 8), new RejectedCounts(spark.sparkContext(), "song-counts"));

        Dataset<Row> valid = RejectCollector.validRecords(parsed, deadLetters);
        assertEquals(List.of("partition", "offset", "radio", "artist", "title", "count"), Arrays.asList(valid.columns()));
        assertEquals(7_500, valid.count());

        // As KafkaConsumerJob reads them for consumer_records_rejected_total: every reject under its reason, none elsewhere.
        deadLetters.written().totals().forEach((reason, written) ->
                assertEquals(reason == RejectReason.MALFORMED_JSON ? 2_500 : 0, written, "counted by reason: " + reason.label()));
        List<RejectedRecord> stored = storedDeadLetters();
        assertEquals(2_500, stored.size());
        for (RejectedRecord record : stored) {
            String whole = "broken " + record.offset() + " " + "x".repeat(100);
            assertEquals("song-counts", record.topic());
            assertEquals(whole.substring(0, 20), record.rawValue(), "the value is cut to the policy's size");
            assertEquals(whole.length(), record.valueBytes());
            assertEquals(Instant.EPOCH, record.timestamp());
            assertEquals("not valid JSON", record.reason());
            assertEquals(record.offset() % 2, record.partition());
        }
        // Computed twice (as a retried task would), each reject is still stored once.
        valid.count();
        assertEquals(2_500, storedDeadLetters().size());
        assertFalse(valid.queryExecution().executedPlan().toString().contains("InMemory"), "nothing is cached");
    }

    private static List<RejectedRecord> storedDeadLetters() {
        try (CqlSession session = endpoint.openSession()) {
            return new RejectedRecordStore(session, endpoint.keyspace()).list("reject-test");
        }
    }
}
