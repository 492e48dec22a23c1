package dev.radiostream.tocassandra;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.querybuilder.QueryBuilder;

import dev.radiostream.core.cassandra.CassandraSessions;
import dev.radiostream.core.kafka.KafkaAdmin;
import dev.radiostream.core.model.SongCount;
import dev.radiostream.core.offsets.KafkaOffsetStore;
import dev.radiostream.core.offsets.RejectedRecord;
import dev.radiostream.core.offsets.RejectedRecordStore;
import dev.radiostream.spark.query.QueryLifecycle;
import dev.radiostream.spark.query.RunMode;
import dev.radiostream.stack.KafkaConsumerGroupsTool;
import dev.radiostream.stack.KafkaConsumerGroupsTool.PartitionPosition;
import dev.radiostream.testing.Await;
import dev.radiostream.testing.KafkaTestClient;
import dev.radiostream.testing.PrometheusScrape;
import dev.radiostream.testing.QueryRuns;
import dev.radiostream.core.model.JsonCodec;
import dev.radiostream.core.offsets.DeadLetterPolicy;

/**
 * What both sink styles must do, against the real Kafka and Cassandra of the local stack: exact rows
 * (apostrophes, quotes, unicode, emoji), the newest total per song within a batch, next offsets stored,
 * malformed records kept with their reason, resume from the stored offsets, re-read after an offset reset, the
 * next offsets mirrored to the Kafka consumer group named after the consumer (as Kafka's own tool shows them), and
 * /q/metrics agreeing with /status and the table, a topic deleted and created again while the query runs (the
 * consumer stops, naming both topic ids, until the operator resets its offsets), partitions added while it runs.
 * The steps build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SinkContractTest {

    @Inject
    QueryLifecycle lifecycle;

    @Inject
    CassandraSessions cassandra;

    @Inject
    KafkaOffsetStore offsets;

    @Inject
    KafkaAdmin kafkaAdmin;

    @Inject
    SinkSettings sink;

    @Inject
    SongCountsToCassandraJob job;

    @ConfigProperty(name = "kafka.bootstrap-servers")
    String bootstrapServers;

    /** What the table must hold: the last total sent per key. */
    private static final Map<String, Long> TRUTH = new TreeMap<>();

    private static final List<String> MALFORMED = List.of(
            "{\"radio\":\"nova\",\"artist\":\"Drake\",\"title\":\"Broken",
            "{\"radio\":\"nova\",\"artist\":\"Drake\",\"count\":3}",
            "{\"radio\":\"nova\",\"artist\":\"Drake\",\"title\":\"Minus\",\"count\":-4}");

    @Test
    @Order(1)
    void writesTheNewestTotalOfEverySongExactly() throws Exception {
        kafkaAdmin.ensureTopic(sink.topic(), 3);
        List<SongCount> counts = new ArrayList<>();
        // Several totals of one song in one batch: only the newest may land.
        for (long total = 1; total <= 5; total++) {
            counts.add(new SongCount("skyrock", "Drake", "Hotline Bling", total));
        }
        counts.add(new SongCount("nova", "Guns N' Roses", "Sweet Child O' Mine", 12));
        counts.add(new SongCount("nova", "Drake", "Hold On We’Re Going Home", 35));
        counts.add(new SongCount("virgin", "Céline Dion", "Pour que tu m'aimes \"encore\" 🎵", 7));
        counts.add(new SongCount("nrj", "Zaz", "Je veux – 「ça」", 2));
        send(counts);
        sendRaw(MALFORMED);

        QueryRuns.runOnce(lifecycle);

        assertEquals(TRUTH, tableContents());
        assertEquals(kafkaAdmin.latestOffsets(sink.topic()), offsets.nextOffsets(job.consumerId(), sink.topic()),
                "the stored next offsets are the end of every partition");
        assertEquals(kafkaAdmin.latestOffsets(sink.topic()), kafkaAdmin.groupOffsets(job.consumerId(), sink.topic()),
                "the Kafka consumer group named after the consumer has the same next offsets");
        Map<String, String> reasons = new HashMap<>();
        for (RejectedRecord rejected : new RejectedRecordStore(cassandra.session(), cassandra.keyspace()).list(job.consumerId())) {
            reasons.put(rejected.rawValue(), rejected.reason());
        }
        assertEquals(Map.of(MALFORMED.get(0), "not valid JSON", MALFORMED.get(1), "missing field title",
                MALFORMED.get(2), "negative count"), reasons);
        given().get("/status").then().statusCode(200)
                .body("rejectedRecords", equalTo(3))
                .body("consumer", equalTo(job.consumerId()));
    }

    @Test
    @Order(2)
    void resumesFromTheStoredOffsetsWithAFreshCheckpoint() throws Exception {
        send(List.of(new SongCount("skyrock", "Drake", "Hotline Bling", 6),
                new SongCount("nova", "Drake", "One Dance", 1)));

        QueryRuns.runOnce(lifecycle);

        assertEquals(2, lifecycle.lastProgress().numInputRows(), "only the two new records were read");
        assertEquals(TRUTH, tableContents());
        Map<Integer, Long> end = kafkaAdmin.latestOffsets(sink.topic());
        assertEquals(end, offsets.nextOffsets(job.consumerId(), sink.topic()));
        // What an operator sees with kafka-consumer-groups --describe: every partition at its end, lag 0.
        String described = KafkaConsumerGroupsTool.describe(bootstrapServers, job.consumerId());
        Map<Integer, PartitionPosition> expected = new TreeMap<>();
        end.forEach((partition, offset) -> expected.put(partition, new PartitionPosition(offset, offset, 0)));
        assertEquals(expected, KafkaConsumerGroupsTool.positions(described, job.consumerId(), sink.topic()), described);
    }

    @Test
    @Order(3)
    void rereadsEverythingAfterTheOffsetsAreResetToTheStart() throws Exception {
        Map<Integer, Long> start = new HashMap<>();
        kafkaAdmin.earliestOffsets(sink.topic()).forEach(start::put);
        offsets.store(job.consumerId(), sink.topic(), start);
        long recordsInTopic = kafkaAdmin.latestOffsets(sink.topic()).values().stream().mapToLong(Long::longValue).sum();

        QueryRuns.runOnce(lifecycle);

        assertEquals(recordsInTopic, lifecycle.lastProgress().numInputRows(), "the whole topic was read again");
        assertEquals(TRUTH, tableContents(), "replaying old totals leaves every song at its newest total");
        assertEquals(kafkaAdmin.latestOffsets(sink.topic()), offsets.nextOffsets(job.consumerId(), sink.topic()));
    }

    @Test
    @Order(4)
    void aPoisonBurstIsKeptCutToSizeAndTheValidRecordsAroundItLand() throws Exception {
        int rejectedBefore = given().get("/status").then().extract().path("rejectedRecords");
        int storedBefore = deadLetters().size();
        // 10,000 malformed records, 50 of them 1 MB, with valid totals between them.
        String megabyte = "{\"radio\":\"" + "x".repeat(999_980);
        List<Map.Entry<String, String>> burst = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            burst.add(Map.entry("bad", i % 200 == 0 ? megabyte : "garbage " + i));
            if (i % 1000 == 500) {
                SongCount count = new SongCount("nova", "Drake", "Between The Bad " + i, i);
                TRUTH.put(count.key(), count.count());
                burst.add(Map.entry(count.key(), JsonCodec.toJson(count)));
            }
        }
        new KafkaTestClient(bootstrapServers).send(sink.topic(), burst);

        QueryRuns.runOnce(lifecycle);

        assertEquals(TRUTH, tableContents(), "every valid record between the bad ones landed");
        assertEquals(kafkaAdmin.latestOffsets(sink.topic()), offsets.nextOffsets(job.consumerId(), sink.topic()));
        List<RejectedRecord> stored = deadLetters();
        assertEquals(storedBefore + 10_000, stored.size(), "every malformed record is kept");
        List<RejectedRecord> large = stored.stream().filter(r -> r.valueBytes() == megabyte.length()).toList();
        assertEquals(50, large.size());
        int maxValueBytes = Integer.parseInt(DeadLetterPolicy.DEFAULT_MAX_VALUE_BYTES);
        for (RejectedRecord record : large) {
            assertEquals(megabyte.substring(0, maxValueBytes), record.rawValue(), "the value is cut to the limit");
            assertEquals(sha256(megabyte), record.valueSha256(), "the hash is the whole value's");
            assertEquals("bad", record.key());
            assertEquals("not valid JSON", record.reason());
        }
        given().get("/status").then().statusCode(200).body("rejectedRecords", equalTo(rejectedBefore + 10_000));
    }

    @Test
    @Order(5)
    void metricsAgreeWithStatusAndTheTable() throws Exception {
        Map<String, String> consumer = Map.of("consumer", job.consumerId(), "topic", sink.topic(),
                "service", "kafka-to-cassandra-service");
        PrometheusScrape before = PrometheusScrape.now();
        int rowsBefore = tableContents().size();
        List<SongCount> newSongs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            newSongs.add(new SongCount("nrj", "Drake", "Counted Once " + i, i + 1));
        }
        send(newSongs);
        sendRaw(List.of("{\"radio\":\"nova\",\"artist\":\"Drake\",\"title\":\"Cut Short"));

        QueryRuns.runOnce(lifecycle);

        PrometheusScrape after = PrometheusScrape.now();
        assertEquals(20, tableContents().size() - rowsBefore);
        assertEquals(20, after.value("consumer_records_written_total", consumer)
                - before.value("consumer_records_written_total", consumer), "records written = new rows");
        assertEquals(21, after.value("consumer_records_in_total", consumer)
                - before.value("consumer_records_in_total", consumer), "20 songs and 1 malformed record");
        Map<String, Object> status = given().get("/status").then().statusCode(200).extract().as(Map.class);
        double totalInputRows = ((Number) status.get("totalInputRows")).doubleValue();
        assertEquals(totalInputRows, after.value("consumer_records_in_total", consumer));
        assertEquals(totalInputRows, after.value("streaming_input_records_total", Map.of("query", job.name())));
        assertEquals(((Number) status.get("rejectedRecords")).doubleValue(),
                after.sum("consumer_records_rejected_total", consumer), "the rejects of every reason");
        assertEquals(Map.of("malformed_json", 1.0),
                after.increasesBy("reason", "consumer_records_rejected_total", consumer, before),
                "the one record that is not JSON, under its reason");
        assertEquals(after.value("consumer_records_in_total", consumer),
                after.value("consumer_records_written_total", consumer)
                        + after.sum("consumer_records_rejected_total", consumer),
                "every record read was written or dead-lettered");
        Map<Map<String, String>, Double> lag = after.samples("consumer_lag_records", consumer);
        assertEquals(3, lag.size(), "one lag per partition: " + lag);
        lag.values().forEach(records -> assertEquals(0.0, records, "lag per partition at the end: " + lag));
        double age = after.value("consumer_offsets_stored_age_seconds", consumer);
        assertTrue(age >= 0 && age < 60, "offsets stored " + age + " s ago");
        assertTrue(after.value("streaming_batch_duration_seconds_count", Map.of("query", job.name())) >= 5,
                "one timed batch per run at least");
        assertEquals(0.0, after.value("streaming_query_restarts_total", Map.of("query", job.name())));
    }

    @Test
    @Order(6)
    void aTopicDeletedAndCreatedAgainMidRunStopsTheConsumerUntilAnOperatorDecides() throws Exception {
        whileRunning(new SongCount("nova", "Drake", "Before The Topic Went Away", 1), this::topicRecreatedWhileRunning);
    }

    private void topicRecreatedWhileRunning() throws Exception {
        String oldId = kafkaAdmin.topicId(sink.topic());
        assertEquals(oldId, offsets.topicId(job.consumerId(), sink.topic()).orElseThrow(), "stored with the offsets");
        Map<Integer, Long> storedBefore = offsets.nextOffsets(job.consumerId(), sink.topic());
        PrometheusScrape before = PrometheusScrape.now();

        // While the query runs: the topic deleted, created again (by us, or by the restarting consumer), new data.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.deleteTopics(List.of(sink.topic())).all().get();
        }
        Await.until(Duration.ofSeconds(60), "the topic to be created again", () -> {
            kafkaAdmin.ensureTopic(sink.topic(), 3);
            return !kafkaAdmin.topicId(sink.topic()).equals(oldId);
        });
        // The new topic's offsets start at 0 again, below the stored ones: neither skipped nor resumed mid-topic.
        send(List.of(new SongCount("nova", "Drake", "After The Topic Came Back", 1)));

        String stopped = "topic " + sink.topic() + " was deleted and created again (the offsets of consumer "
                + job.consumerId() + " were stored for topic id " + oldId;
        // Its failed starts are retried with back-off, in vain, each counted as a restart.
        Await.until(Duration.ofSeconds(60), "the consumer to stop reading, naming the old topic id",
                () -> lifecycle.phase() == QueryLifecycle.Phase.RESTARTING && lifecycle.reason() != null
                        && lifecycle.reason().contains(stopped));
        assertEquals(oldId, offsets.topicId(job.consumerId(), sink.topic()).orElseThrow());
        assertEquals(storedBefore, offsets.nextOffsets(job.consumerId(), sink.topic()),
                "no offset of the new topic stored under the old topic's id");
        Map<String, String> query = Map.of("query", job.name());
        // A restart may come between two reads: read both again until they agree.
        Await.until(Duration.ofSeconds(30), "/q/metrics and /status to agree on the restarts", () -> {
            double restarts = PrometheusScrape.now().value("streaming_query_restarts_total", query);
            int shown = given().get("/status").then().statusCode(200).extract().path("restarts");
            return restarts == shown && restarts - before.value("streaming_query_restarts_total", query) >= 1;
        });

        // The operator's decision: read the new topic from its start (offset-admin reset --to-earliest stores the
        // new topic's id with the offsets). The next restart reads it.
        offsets.store(job.consumerId(), sink.topic(), kafkaAdmin.topicId(sink.topic()),
                kafkaAdmin.earliestOffsets(sink.topic()));
        awaitStoredOffsetsAtTheEnd();
        assertEquals(TRUTH, tableContents());
        assertEquals(kafkaAdmin.topicId(sink.topic()), offsets.topicId(job.consumerId(), sink.topic()).orElseThrow());
    }

    @Test
    @Order(7)
    void partitionsAddedMidRunAreReadFromTheirStart() throws Exception {
        whileRunning(new SongCount("virgin", "Drake", "Before The Partitions Were Added", 1),
                this::partitionsAddedWhileRunning);
    }

    private void partitionsAddedWhileRunning() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createPartitions(Map.of(sink.topic(), NewPartitions.increaseTo(5))).all().get();
        }
        Await.until(Duration.ofSeconds(30), "five partitions", () -> kafkaAdmin.partitions(sink.topic()).size() == 5);
        List<SongCount> counts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            counts.add(new SongCount("virgin", "Drake", "Spread Over Five Partitions " + i, i + 1));
        }
        send(counts);
        Map<Integer, Long> end = kafkaAdmin.latestOffsets(sink.topic());
        assertTrue(end.get(3) > 0 && end.get(4) > 0, "records in the new partitions: " + end);

        awaitStoredOffsetsAtTheEnd();

        assertEquals(end, offsets.nextOffsets(job.consumerId(), sink.topic()), "the new partitions' offsets stored");
        assertEquals(TRUTH, tableContents(), "the records of the new partitions are written too");
    }

    @Test
    @Order(8)
    void aSongsTotalNeverGoesBackWhenItsRecordsSitInTwoPartitions() throws Exception {
        // After partitions were added, a song's key hashes to a new partition: its older totals sit in the old
        // one, at higher offsets, and may arrive late. The table must keep the highest total, always.
        SongCount newer = new SongCount("virgin", "Drake", "Moved To A New Partition", 10);
        KafkaTestClient kafka = new KafkaTestClient(bootstrapServers);
        kafka.sendSongCountsTo(sink.topic(), 4, List.of(newer));
        kafka.sendSongCountsTo(sink.topic(), 0, List.of(newer.withCount(7))); // one batch: the older total at the higher offset
        TRUTH.put(newer.key(), newer.count());
        QueryRuns.runOnce(lifecycle);
        assertEquals(TRUTH, tableContents(), "within one batch, the highest total wins over the highest offset");

        kafka.sendSongCountsTo(sink.topic(), 4, List.of(newer.withCount(12)));
        TRUTH.put(newer.key(), 12L);
        QueryRuns.runOnce(lifecycle);
        kafka.sendSongCountsTo(sink.topic(), 0, List.of(newer.withCount(11)));
        QueryRuns.runOnce(lifecycle); // the lagging partition's older total, in a later batch
        assertEquals(TRUTH, tableContents(), "across batches, an older total written later does not replace a newer one");
        assertEquals(kafkaAdmin.latestOffsets(sink.topic()), offsets.nextOffsets(job.consumerId(), sink.topic()));
    }

    @Test
    @Order(9)
    void aTableWrittenWithClockWriteTimesIsRefusedWithWhatToDo() throws Exception {
        // The table as an older version left it: rows with the clock's write time, which would win over every
        // total written later.
        cassandra.session().execute(QueryBuilder.truncate(cassandra.keyspace(), sink.table()).build());
        cassandra.session().execute(QueryBuilder.insertInto(cassandra.keyspace(), sink.table())
                .value("radio", QueryBuilder.literal("nova")).value("artist", QueryBuilder.literal("Drake"))
                .value("title", QueryBuilder.literal("Written With The Clock")).value("count", QueryBuilder.literal(3L))
                .build());

        QueryRuns.runOnce(lifecycle, QueryLifecycle.Phase.FAILED);

        assertTrue(lifecycle.reason().contains("holds rows written with the clock's write time"), lifecycle.reason());
        assertTrue(lifecycle.reason().contains("TRUNCATE"), lifecycle.reason());
        cassandra.session().execute(QueryBuilder.truncate(cassandra.keyspace(), sink.table()).build());
        offsets.store(job.consumerId(), sink.topic(), kafkaAdmin.topicId(sink.topic()), kafkaAdmin.earliestOffsets(sink.topic()));

        QueryRuns.runOnce(lifecycle);

        // The topic holds the songs sent since it was created again (step 6): each at its highest total again.
        Map<String, Long> sinceRecreated = new TreeMap<>(TRUTH);
        sinceRecreated.keySet().removeIf(song -> !song.contains("After The Topic Came Back")
                && !song.contains("Before The Partitions Were Added") && !song.contains("Spread Over Five Partitions")
                && !song.contains("Moved To A New Partition"));
        assertEquals(33, sinceRecreated.size());
        assertEquals(sinceRecreated, tableContents(), "emptied and replayed from the topic's start");
    }

    @Test
    @Order(10)
    void manySongsOfOneRadioLandExactlyThroughPartitionBatches() throws Exception {
        // Both styles send the rows of one partition (one radio) in unlogged batches bounded by rows and bytes:
        // 1,500 songs of one radio, some with long titles, make many full batches and a partial one per task.
        List<SongCount> counts = new ArrayList<>();
        Map<String, Long> expected = new TreeMap<>();
        for (int i = 0; i < 1_500; i++) {
            String title = "Batched " + i + (i % 7 == 0 ? " " + "long title ".repeat(40) : "");
            counts.add(new SongCount("fip", "Drake", title, i + 1));
            counts.add(new SongCount("fip", "Drake", title, i + 2)); // the newer total, later in the same batch
            expected.put(SongCount.key("fip", "Drake", title), (long) i + 2);
        }
        send(counts);

        QueryRuns.runOnce(lifecycle);

        Map<String, Long> fip = new TreeMap<>(tableContents());
        fip.keySet().removeIf(song -> !song.startsWith("fip|")); // no other step sends radio fip
        assertEquals(expected, fip, "every song of the radio at its newest total");
        assertEquals(kafkaAdmin.latestOffsets(sink.topic()), offsets.nextOffsets(job.consumerId(), sink.topic()));
    }

    /** A step of the test made while the query runs (between start and stop), which may throw. */
    private interface Step {
        void run() throws Exception;
    }

    /**
     * Starts the query, waits until it has stored the offset of {@code song}, sent now (so it is running, not
     * starting), takes the step, and stops the query whatever happens.
     */
    private void whileRunning(SongCount song, Step step) throws Exception {
        lifecycle.start(RunMode.CONTINUOUS);
        try {
            send(List.of(song));
            awaitStoredOffsetsAtTheEnd();
            assertEquals(QueryLifecycle.Phase.RUNNING, lifecycle.phase());
            step.run();
        } finally {
            lifecycle.stop();
        }
    }

    private void awaitStoredOffsetsAtTheEnd() {
        QueryRuns.awaitOffsetsAtTheEnd(lifecycle, kafkaAdmin, offsets, job.consumerId(), sink.topic());
    }

    private static String sha256(String value) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    private List<RejectedRecord> deadLetters() {
        return new RejectedRecordStore(cassandra.session(), cassandra.keyspace()).list(job.consumerId());
    }

    private void send(List<SongCount> counts) {
        counts.forEach(count -> TRUTH.put(count.key(), count.count()));
        new KafkaTestClient(bootstrapServers).sendSongCounts(sink.topic(), counts);
    }

    private void sendRaw(List<String> values) {
        new KafkaTestClient(bootstrapServers).sendValues(sink.topic(), "bad", values);
    }

    private Map<String, Long> tableContents() {
        Map<String, Long> rows = new TreeMap<>();
        for (Row row : cassandra.session().execute(QueryBuilder.selectFrom(cassandra.keyspace(), sink.table())
                .columns("radio", "artist", "title", "count").build())) {
            rows.put(SongCount.key(row.getString(0), row.getString(1), row.getString(2)), row.getLong(3));
        }
        return rows;
    }
}
