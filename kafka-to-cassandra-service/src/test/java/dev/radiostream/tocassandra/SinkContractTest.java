package dev.radiostream.tocassandra;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

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
import dev.radiostream.testing.KafkaTestClient;
import dev.radiostream.testing.QueryRuns;

/**
 * What both sink styles must do, against the real Kafka and Cassandra of the local stack: exact rows
 * (apostrophes, quotes, unicode, emoji), the newest total per song within a batch, next offsets stored,
 * malformed records kept with their reason, resume from the stored offsets, re-read after an offset reset.
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
        kafkaAdmin.ensureTopic(sink.topic(), 3, (short) 1);
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
        assertEquals(kafkaAdmin.latestOffsets(sink.topic()), offsets.nextOffsets(job.consumerId(), sink.topic()));
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
