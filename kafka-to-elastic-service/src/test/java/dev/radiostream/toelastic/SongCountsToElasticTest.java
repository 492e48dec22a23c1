package dev.radiostream.toelastic;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.radiostream.core.model.SongCount;
import dev.radiostream.core.offsets.KafkaOffsetStore;
import dev.radiostream.core.offsets.RejectedRecord;
import dev.radiostream.core.offsets.RejectedRecordStore;
import dev.radiostream.spark.query.QueryLifecycle;
import dev.radiostream.testing.KafkaTestClient;
import dev.radiostream.testing.PrometheusScrape;
import dev.radiostream.testing.QueryRuns;
import dev.radiostream.testing.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * song-counts mode against the real Kafka, Cassandra and Elasticsearch of the local stack: exact documents
 * (apostrophes, quotes, unicode, emoji) holding the newest total per song, an explicit strict mapping,
 * next offsets stored, malformed records kept with their reason, resume from the stored offsets, and a
 * replay of the whole topic that leaves the same documents. The steps build on each other, in order.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "unique", value = "cassandra.keyspace,kafka-to-elastic.topic,kafka-to-elastic.index"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SongCountsToElasticTest {

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

    /** What the index must hold: the last total sent per document id. */
    private static final Map<String, Long> TRUTH = new TreeMap<>();

    private static final String LONG_TITLE = "x".repeat(520);

    private static final List<String> MALFORMED = List.of(
            "{\"radio\":\"nova\",\"artist\":\"Drake\",\"title\":\"Broken",
            "{\"radio\":\"nova\",\"artist\":\"Drake\",\"count\":3}",
            "{\"radio\":\"nova\",\"artist\":\"Drake\",\"title\":\"Minus\",\"count\":-4}",
            "{\"radio\":\"nova\",\"artist\":\"Drake\",\"title\":\"" + LONG_TITLE + "\",\"count\":1}");

    @Test
    @Order(1)
    void indexesTheNewestTotalOfEverySongExactly() throws Exception {
        kafkaAdmin.ensureTopic(sink.topicName(), 3);
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
        Instant before = Instant.now();

        QueryRuns.runOnce(lifecycle);

        ElasticsearchTestClient es = es();
        assertEquals(TRUTH, indexContents());
        JsonNode hotline = es.document(sink.indexName(), "skyrock|Drake|Hotline Bling").get("_source");
        assertEquals(Map.of("radio", "skyrock", "artist", "Drake", "title", "Hotline Bling", "count", 5),
                Map.of("radio", hotline.get("radio").asText(), "artist", hotline.get("artist").asText(),
                        "title", hotline.get("title").asText(), "count", hotline.get("count").asInt()));
        assertEquals(5, hotline.size(), "exactly the fields radio, artist, title, count, updated_at: " + hotline);
        assertTrue(Instant.ofEpochMilli(hotline.get("updated_at").asLong()).isAfter(before.minusSeconds(5)));

        // Search by term on the keyword fields, and by word on their text sub-field.
        JsonNode hits = es.termSearch(sink.indexName(), "title", "Hold On We’Re Going Home");
        assertEquals(1, hits.size());
        assertEquals(35, hits.get(0).get("_source").get("count").asLong());
        assertEquals("nova|Drake|Hold On We’Re Going Home", hits.get(0).get("_id").asText());
        assertEquals(1, es.termSearch(sink.indexName(), "artist", "Céline Dion").size());
        assertEquals(2, es.termSearch(sink.indexName(), "radio", "nova").size());
        assertEquals(1, es.search(sink.indexName(), Map.of("query", Map.of("match", Map.of("title.text", "child mine"))))
                .path("hits").path("hits").size());

        JsonNode mapping = es.mapping(sink.indexName());
        assertEquals("strict", mapping.get("dynamic").asText());
        assertEquals("long", mapping.path("properties").path("count").path("type").asText());
        assertEquals("date", mapping.path("properties").path("updated_at").path("type").asText());
        assertEquals("keyword", mapping.path("properties").path("title").path("type").asText());
        assertEquals("text", mapping.path("properties").path("title").path("fields").path("text").path("type").asText());

        assertEquals(kafkaAdmin.latestOffsets(sink.topicName()), offsets.nextOffsets(job.consumerId(), sink.topicName()),
                "the stored next offsets are the end of every partition");
        assertEquals(Map.of(MALFORMED.get(0), "not valid JSON", MALFORMED.get(1), "missing field title",
                MALFORMED.get(2), "negative count",
                MALFORMED.get(3), "radio|artist|title longer than 512 bytes (Elasticsearch's limit for a document id)"),
                deadLetters());
        given().get("/status").then().statusCode(200)
                .body("consumer", equalTo("kafka-to-elastic-song-counts"))
                .body("mode", equalTo("song-counts"))
                .body("index", equalTo(sink.indexName()))
                .body("rejectedRecords", equalTo(4))
                .body("documentsIndexed", equalTo(5));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'dependencies' }.data.elasticsearch", startsWith("UP"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    @Order(2)
    void resumesFromTheStoredOffsetsWithAFreshCheckpoint() throws Exception {
        send(List.of(new SongCount("skyrock", "Drake", "Hotline Bling", 6),
                new SongCount("nova", "Drake", "One Dance", 1)));

        QueryRuns.runOnce(lifecycle);

        assertEquals(2, lifecycle.lastProgress().numInputRows(), "only the two new records were read");
        assertEquals(TRUTH, indexContents());
        assertEquals(kafkaAdmin.latestOffsets(sink.topicName()), offsets.nextOffsets(job.consumerId(), sink.topicName()));
    }

    @Test
    @Order(3)
    void aReplayOfTheWholeTopicLeavesTheSameDocuments() throws Exception {
        Map<Integer, Long> start = new HashMap<>(kafkaAdmin.earliestOffsets(sink.topicName()));
        offsets.store(job.consumerId(), sink.topicName(), start);
        long recordsInTopic = kafkaAdmin.latestOffsets(sink.topicName()).values().stream().mapToLong(Long::longValue).sum();

        QueryRuns.runOnce(lifecycle);

        assertEquals(recordsInTopic, lifecycle.lastProgress().numInputRows(), "the whole topic was read again");
        assertEquals(TRUTH.size(), es().count(sink.indexName()), "no second document for any song");
        assertEquals(TRUTH, indexContents(), "replaying old totals leaves every song at its newest total");
        assertEquals(kafkaAdmin.latestOffsets(sink.topicName()), offsets.nextOffsets(job.consumerId(), sink.topicName()));
    }

    @Test
    @Order(4)
    void metricsAgreeWithStatusTheIndexAndTheConsumerGroup() throws Exception {
        Map<String, String> consumer = Map.of("consumer", job.consumerId(), "topic", sink.topicName(),
                "service", "kafka-to-elastic-service");
        PrometheusScrape before = PrometheusScrape.now();
        long documentsBefore = es().count(sink.indexName());
        List<SongCount> newSongs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            newSongs.add(new SongCount("nrj", "Drake", "Indexed Once " + i, i + 1));
        }
        send(newSongs);
        sendRaw(List.of("{\"radio\":\"nrj\",\"artist\":\"Drake\",\"title\":\"No Count\"}"));

        QueryRuns.runOnce(lifecycle);

        PrometheusScrape after = PrometheusScrape.now();
        assertEquals(10, es().count(sink.indexName()) - documentsBefore);
        assertEquals(10, after.value("consumer_records_written_total", consumer)
                - before.value("consumer_records_written_total", consumer), "records written = new documents");
        Map<String, Object> status = given().get("/status").then().statusCode(200).extract().as(Map.class);
        assertEquals(((Number) status.get("documentsIndexed")).doubleValue(),
                after.value("consumer_records_written_total", Map.of("sink", sink.indexName())));
        assertEquals(((Number) status.get("totalInputRows")).doubleValue(),
                after.value("consumer_records_in_total", consumer));
        assertEquals(((Number) status.get("rejectedRecords")).doubleValue(),
                after.sum("consumer_records_rejected_total", consumer), "the rejects of every reason");
        assertEquals(Map.of("missing_field", 1.0),
                after.increasesBy("reason", "consumer_records_rejected_total", consumer, before),
                "the one record without its count, under its reason");
        Map<Map<String, String>, Double> lag = after.samples("consumer_lag_records", consumer);
        assertEquals(3, lag.size(), "one lag per partition: " + lag);
        lag.values().forEach(records -> assertEquals(0.0, records, "lag per partition at the end: " + lag));
        assertEquals(kafkaAdmin.latestOffsets(sink.topicName()), kafkaAdmin.groupOffsets(job.consumerId(), sink.topicName()),
                "the Kafka consumer group named after the consumer is at the end of every partition");
    }

    @Test
    @Order(5)
    void aSongsTotalNeverGoesBackWhenItsRecordsSitInTwoPartitions() throws Exception {
        // As after partitions were added: a song's newer totals in one partition, older ones in another, at
        // higher offsets and arriving late. The index must keep the highest total, always.
        SongCount newer = new SongCount("virgin", "Drake", "Moved To A New Partition", 10);
        KafkaTestClient kafka = new KafkaTestClient(bootstrapServers);
        kafka.sendSongCountsTo(sink.topicName(), 2, List.of(newer));
        kafka.sendSongCountsTo(sink.topicName(), 0, List.of(newer.withCount(7))); // one batch, higher offset
        TRUTH.put(newer.key(), 10L);
        QueryRuns.runOnce(lifecycle);
        assertEquals(TRUTH, indexContents(), "within one batch, the highest total wins over the highest offset");

        kafka.sendSongCountsTo(sink.topicName(), 2, List.of(newer.withCount(12)));
        TRUTH.put(newer.key(), 12L);
        QueryRuns.runOnce(lifecycle);
        long indexedBefore = documentsIndexed();
        kafka.sendSongCountsTo(sink.topicName(), 0, List.of(newer.withCount(11)));
        QueryRuns.runOnce(lifecycle); // the lagging partition's older total, in a later batch
        assertEquals(TRUTH, indexContents(), "across batches, an older total written later does not replace a newer one");
        assertEquals(indexedBefore, documentsIndexed(), "the superseded total is not counted as indexed");
        assertTrue(deadLetters().keySet().stream().noneMatch(value -> value.contains(newer.title())),
                "a superseded total is no dead letter: " + deadLetters());
        assertEquals(kafkaAdmin.latestOffsets(sink.topicName()), offsets.nextOffsets(job.consumerId(), sink.topicName()));
    }

    private static long documentsIndexed() {
        return ((Number) given().get("/status").then().statusCode(200).extract().path("documentsIndexed")).longValue();
    }

    private ElasticsearchTestClient es() {
        CreatedIndex.remember(elasticsearchUrl, sink.indexName());
        return new ElasticsearchTestClient(elasticsearchUrl);
    }

    @AfterAll
    static void deleteTheIndex() {
        CreatedIndex.delete();
    }

    private void send(List<SongCount> counts) {
        counts.forEach(count -> TRUTH.put(count.key(), count.count()));
        new KafkaTestClient(bootstrapServers).sendSongCounts(sink.topicName(), counts);
    }

    private void sendRaw(List<String> values) {
        new KafkaTestClient(bootstrapServers).sendValues(sink.topicName(), "bad", values);
    }

    private Map<String, Long> indexContents() {
        Map<String, Long> documents = new TreeMap<>();
        es().all(sink.indexName()).forEach((id, source) -> {
            assertEquals(SongCount.key(source.get("radio").asText(), source.get("artist").asText(),
                    source.get("title").asText()), id, "the document id is radio|artist|title");
            documents.put(id, source.get("count").asLong());
        });
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
