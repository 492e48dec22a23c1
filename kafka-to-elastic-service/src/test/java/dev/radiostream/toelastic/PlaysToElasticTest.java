package dev.radiostream.toelastic;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.radiostream.core.cassandra.CassandraSessions;
import dev.radiostream.core.kafka.KafkaAdmin;
import dev.radiostream.core.model.JsonCodec;
import dev.radiostream.core.model.PlayEvent;
import dev.radiostream.core.offsets.KafkaOffsetStore;
import dev.radiostream.core.offsets.RejectedRecord;
import dev.radiostream.core.offsets.RejectedRecordStore;
import dev.radiostream.spark.query.QueryLifecycle;
import dev.radiostream.spark.query.RunMode;
import dev.radiostream.testing.Await;
import dev.radiostream.testing.KafkaTestClient;
import dev.radiostream.testing.LocalStackResource;
import dev.radiostream.testing.PrometheusScrape;
import dev.radiostream.testing.QueryRuns;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * plays mode against the real stack, with a 10-minute watermark: one document per play with its event time
 * as a date; duplicates (within a batch, within the watermark, late) replace their document with the same one;
 * a play older than the watermark is indexed and counted late, never dropped; malformed records after the
 * watermark moved are still dead-lettered; a replay of the whole topic leaves the same documents.
 */
@QuarkusTest
@TestProfile(PlaysToElasticTest.Plays.class)
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "unique", value = "cassandra.keyspace,kafka-to-elastic.topic,kafka-to-elastic.index"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlaysToElasticTest {

    public static class Plays implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka-to-elastic.mode", "plays", "kafka-to-elastic.watermark-delay", "10m");
        }
    }

    @Inject
    QueryLifecycle lifecycle;

    @Inject
    KafkaToElasticJob job;

    @Inject
    ElasticSinkSettings sink;

    @Inject
    CassandraSessions cassandra;

    @Inject
    KafkaOffsetStore offsets;

    @Inject
    KafkaAdmin kafkaAdmin;

    @ConfigProperty(name = "kafka.bootstrap-servers")
    String bootstrapServers;

    @ConfigProperty(name = "elasticsearch.url")
    String elasticsearchUrl;

    private static final long T0 = Instant.parse("2016-06-01T12:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final PlayEvent A = new PlayEvent("0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a", "nova", T0, "Drake", "One Dance");
    private static final PlayEvent B = new PlayEvent("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "skyrock", T0 + 55 * MINUTE,
            "Guns N' Roses", "Sweet Child O' Mine");
    private static final PlayEvent C = new PlayEvent("0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c", "skyrock", T0 + 60 * MINUTE,
            "Drake", "Hold On We’Re Going Home");
    /** Older than the watermark once C was read, and seen for the first time then: a late play. */
    private static final PlayEvent L = new PlayEvent("1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a", "nrj", T0 + 10 * MINUTE,
            "Drake", "Late But Not Lost");
    private static final PlayEvent E = new PlayEvent("0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e", "virgin", T0 + 61 * MINUTE,
            "Céline Dion", "Pour que tu m'aimes \"encore\" 🎵");

    private static final List<String> MALFORMED = List.of(
            "{\"radio\":\"nova\",\"timestamp\":1464782400000,\"artist\":\"Drake\",\"title\":\"No id\"}",
            "{\"eventId\":\"0f0f\",\"radio\":\"nova\",\"timestamp\":4102444800000,\"artist\":\"Drake\",\"title\":\"Year 2100\"}",
            "{\"eventId\":\"0d0d\",\"radio\":\"nova\",\"timestamp\":\"noon\",\"artist\":\"Drake\",\"title\":\"Text time\"}");

    @Test
    @Order(1)
    void indexesEveryPlayOnceWithItsEventTime() {
        kafkaAdmin.ensureTopic(sink.topicName(), 3);
        // One batch (all there before the query starts) holding a duplicate of A.
        send(List.of(A, B, C, A));
        lifecycle.start(RunMode.CONTINUOUS);
        awaitEverythingRead();

        ElasticsearchTestClient es = es();
        assertEquals(Map.of(A.eventId(), A, B.eventId(), B, C.eventId(), C), indexContents());
        assertEquals(3, es.count(sink.indexName()), "the duplicate replaced its own document");
        JsonNode a = es.document(sink.indexName(), A.eventId());
        assertEquals(5, a.get("_source").size(), "exactly eventId, radio, timestamp, artist, title (not late): " + a);
        assertEquals("date", es.mapping(sink.indexName()).path("properties").path("timestamp").path("type").asText());
        assertEquals("strict", es.mapping(sink.indexName()).get("dynamic").asText());
        // The event time is a date: ranges and a time histogram per radio work on it.
        assertEquals(1, es.search(sink.indexName(), Map.of("query", Map.of("range", Map.of("timestamp",
                Map.of("gte", "2016-06-01T12:30:00Z", "lt", "2016-06-01T12:58:00Z"))))).path("hits").path("hits").size());
        JsonNode histogram = es.search(sink.indexName(), Map.of("size", 0, "aggs", Map.of("radio",
                Map.of("terms", Map.of("field", "radio"), "aggs", Map.of("per_hour",
                        Map.of("date_histogram", Map.of("field", "timestamp", "fixed_interval", "1h")))))));
        Map<String, Long> skyrockPerHour = new TreeMap<>();
        for (JsonNode radio : histogram.path("aggregations").path("radio").path("buckets")) {
            if (radio.get("key").asText().equals("skyrock")) {
                radio.path("per_hour").path("buckets").forEach(b -> skyrockPerHour.put(b.get("key_as_string").asText(),
                        b.get("doc_count").asLong()));
            }
        }
        assertEquals(Map.of("2016-06-01T12:00:00.000Z", 1L, "2016-06-01T13:00:00.000Z", 1L), skyrockPerHour);
        given().get("/status").then().statusCode(200)
                .body("mode", equalTo("plays"))
                .body("consumer", equalTo("kafka-to-elastic-plays"))
                .body("documentsIndexed", equalTo(4))
                .body("latePlays", equalTo(0))
                .body("watermark", notNullValue());
    }

    @Test
    @Order(2)
    void aLatePlayIsIndexedAndCountedAndDuplicatesLeaveOneDocument() {
        // The watermark is now C's event time - 10 minutes = T0 + 50 min (E, if read first, moves it to T0 + 51):
        // A (T0) and L (T0 + 10 min) are late, B (T0 + 55 min) is not.
        PrometheusScrape before = PrometheusScrape.now();
        send(List.of(A, L, B, E));
        sendRaw(MALFORMED);
        awaitEverythingRead();
        Await.until(Duration.ofSeconds(30), "the malformed records to be dead-lettered", () -> deadLetters().size() == 3);

        ElasticsearchTestClient es = es();
        assertEquals(Map.of(A.eventId(), A, B.eventId(), B, C.eventId(), C, E.eventId(), E, L.eventId(), L),
                indexContents(), "the late play L indexed; the duplicates A and B still one document each");
        assertEquals(Map.of(MALFORMED.get(0), "missing field eventId",
                MALFORMED.get(1), "timestamp more than PT24H in the future",
                MALFORMED.get(2), "a field has the wrong type (expected eventId: string, radio: string, timestamp: bigint, "
                        + "artist: string, title: string)"), deadLetters());
        given().get("/status").then().statusCode(200)
                .body("documentsIndexed", equalTo(8))
                .body("latePlays", equalTo(2))
                .body("rejectedRecords", equalTo(3));
        PrometheusScrape after = PrometheusScrape.now();
        Map<String, String> consumer = Map.of("consumer", job.consumerId(), "topic", sink.topicName(),
                "service", "kafka-to-elastic-service");
        int latePlays = given().get("/status").then().statusCode(200).extract().path("latePlays");
        assertEquals(latePlays, after.value("consumer_plays_late_total", consumer), "the late A and L, as /status");
        assertEquals(Map.of("missing_field", 1.0, "invalid_value", 1.0, "wrong_type", 1.0),
                after.increasesBy("reason", "consumer_records_rejected_total", consumer, before),
                "each malformed record under its reason");
        assertEquals(Map.of("nova", 1L, "nrj", 1L, "skyrock", 2L, "virgin", 1L), es.termsCount(sink.indexName(), "radio"));
        lifecycle.stop();
    }

    @Test
    @Order(3)
    void aReplayOfTheWholeTopicLeavesTheSameDocuments() throws Exception {
        offsets.store(job.consumerId(), sink.topicName(), new HashMap<>(kafkaAdmin.earliestOffsets(sink.topicName())));
        long recordsInTopic = kafkaAdmin.latestOffsets(sink.topicName()).values().stream().mapToLong(Long::longValue).sum();
        long readBefore = (Long) lifecycle.status().get("totalInputRows");
        long indexedBefore = (Long) job.status().get("documentsIndexed");

        QueryRuns.runOnce(lifecycle);

        assertEquals(recordsInTopic, (Long) lifecycle.status().get("totalInputRows") - readBefore,
                "the whole topic was read again");
        assertEquals(8, (Long) job.status().get("documentsIndexed") - indexedBefore,
                "every valid record indexed again (A three times, B twice)");
        assertEquals(5, es().count(sink.indexName()), "no second document for any play");
        assertEquals(Map.of(A.eventId(), A, B.eventId(), B, C.eventId(), C, E.eventId(), E, L.eventId(), L),
                indexContents());
        assertEquals(kafkaAdmin.latestOffsets(sink.topicName()), offsets.nextOffsets(job.consumerId(), sink.topicName()));
    }

    private void awaitEverythingRead() {
        QueryRuns.awaitOffsetsAtTheEnd(lifecycle, kafkaAdmin, offsets, job.consumerId(), sink.topicName());
    }

    private ElasticsearchTestClient es() {
        CreatedIndex.remember(elasticsearchUrl, sink.indexName());
        return new ElasticsearchTestClient(elasticsearchUrl);
    }

    @AfterAll
    static void deleteTheIndex() {
        CreatedIndex.delete();
    }

    private void send(List<PlayEvent> plays) {
        List<Map.Entry<String, String>> records = new ArrayList<>();
        plays.forEach(p -> records.add(Map.entry(p.radio(), JsonCodec.toJson(p))));
        new KafkaTestClient(bootstrapServers).send(sink.topicName(), records);
    }

    private void sendRaw(List<String> values) {
        List<Map.Entry<String, String>> records = new ArrayList<>();
        values.forEach(v -> records.add(Map.entry("bad", v)));
        new KafkaTestClient(bootstrapServers).send(sink.topicName(), records);
    }

    private Map<String, PlayEvent> indexContents() {
        Map<String, PlayEvent> documents = new TreeMap<>();
        es().all(sink.indexName()).forEach((id, source) -> documents.put(id, new PlayEvent(source.get("eventId").asText(),
                source.get("radio").asText(), source.get("timestamp").asLong(), source.get("artist").asText(),
                source.get("title").asText())));
        return documents;
    }

    private Map<String, String> deadLetters() {
        Map<String, String> reasons = new HashMap<>();
        for (RejectedRecord rejected : new RejectedRecordStore(cassandra.session(), cassandra.keyspace()).list(job.consumerId())) {
            reasons.put(rejected.rawValue(), rejected.reason());
        }
        return reasons;
    }
}
