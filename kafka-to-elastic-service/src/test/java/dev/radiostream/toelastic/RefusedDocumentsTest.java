package dev.radiostream.toelastic;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.radiostream.core.cassandra.CassandraSessions;
import dev.radiostream.core.kafka.KafkaAdmin;
import dev.radiostream.core.model.JsonCodec;
import dev.radiostream.core.model.SongCount;
import dev.radiostream.core.offsets.KafkaOffsetStore;
import dev.radiostream.core.offsets.RejectedRecord;
import dev.radiostream.core.offsets.RejectedRecordStore;
import dev.radiostream.spark.query.QueryLifecycle;
import dev.radiostream.testing.KafkaTestClient;
import dev.radiostream.testing.LocalStackResource;
import dev.radiostream.testing.PrometheusScrape;
import dev.radiostream.testing.QueryRuns;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What happens when Elasticsearch refuses documents, with an index whose mapping differs from the service's
 * (created before the service starts, which keeps an existing index):
 * <ol>
 * <li>a document that does not fit (a count too large for an integer field) is dead-lettered with
 * Elasticsearch's error and the document, and the rest of the batch is indexed;</li>
 * <li>a field the index does not know (strict mapping) fails the batch: nothing is dead-lettered, the offsets
 * stay where they were;</li>
 * <li>once the index is right (here: deleted, so the service creates it with its mapping), the same records
 * are indexed: nothing was lost.</li>
 * </ol>
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "unique", value = "cassandra.keyspace,kafka-to-elastic.topic,kafka-to-elastic.index"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RefusedDocumentsTest {

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

    private static final String KEYWORD = "{\"type\": \"keyword\"}";

    @Test
    @Order(1)
    void aDocumentThatDoesNotFitIsDeadLetteredWithTheErrorAndTheDocument() throws Exception {
        es().createIndex(sink.indexName(), "{\"mappings\": {\"dynamic\": \"strict\", \"properties\": {"
                + "\"radio\": " + KEYWORD + ", \"artist\": " + KEYWORD + ", \"title\": " + KEYWORD + ", "
                + "\"count\": {\"type\": \"integer\"}, \"updated_at\": {\"type\": \"date\"}}}}");
        kafkaAdmin.ensureTopic(sink.topicName(), 3);
        SongCount fits = new SongCount("nova", "Drake", "One Dance", 3);
        SongCount tooLarge = new SongCount("skyrock", "Drake", "Hotline Bling", 5_000_000_000L);
        PrometheusScrape before = PrometheusScrape.now();
        send(List.of(fits, tooLarge));

        QueryRuns.runOnce(lifecycle, QueryLifecycle.Phase.COMPLETED);

        assertEquals(Map.of(fits.key(), 3L), Map.of(fits.key(), es().document(sink.indexName(), fits.key())
                .get("_source").get("count").asLong()));
        assertNull(es().document(sink.indexName(), tooLarge.key()));
        List<RejectedRecord> rejected = deadLetters();
        assertEquals(1, rejected.size(), rejected.toString());
        RejectedRecord record = rejected.get(0);
        assertEquals(JsonCodec.toJson(tooLarge), record.rawValue());
        assertTrue(record.reason().startsWith("Elasticsearch refused the document (HTTP 400): "), record.reason());
        assertTrue(record.reason().contains("failed to parse field [count] of type [integer]"), record.reason());
        assertTrue(record.reason().contains("; document: ") && record.reason().contains("\"count\":5000000000"),
                record.reason());
        assertEquals(kafkaAdmin.latestOffsets(sink.topicName()), offsets.nextOffsets(job.consumerId(), sink.topicName()));
        given().get("/status").then().statusCode(200)
                .body("rejectedRecords", equalTo(1))
                .body("documentsIndexed", equalTo(1));
        assertEquals(Map.of("refused_by_sink", 1.0), PrometheusScrape.now().increasesBy("reason",
                "consumer_records_rejected_total", Map.of("consumer", job.consumerId()), before));
    }

    @Test
    @Order(2)
    void aFieldTheIndexDoesNotKnowFailsTheBatchAndStoresNoOffsets() throws Exception {
        es().deleteIndex(sink.indexName());
        es().createIndex(sink.indexName(), "{\"mappings\": {\"dynamic\": \"strict\", \"properties\": {"
                + "\"radio\": " + KEYWORD + ", \"artist\": " + KEYWORD + ", \"title\": " + KEYWORD + ", "
                + "\"count\": {\"type\": \"long\"}}}}");
        Map<Integer, Long> before = offsets.nextOffsets(job.consumerId(), sink.topicName());
        send(List.of(new SongCount("virgin", "Drake", "Fake Love", 9)));

        QueryRuns.runOnce(lifecycle, QueryLifecycle.Phase.FAILED);

        assertTrue(lifecycle.reason().contains("strict_dynamic_mapping_exception"), lifecycle.reason());
        assertEquals(0, es().count(sink.indexName()));
        assertEquals(1, deadLetters().size(), "a problem of the index, not of the record: nothing more dead-lettered");
        assertEquals(before, offsets.nextOffsets(job.consumerId(), sink.topicName()), "offsets did not move");
    }

    @Test
    @Order(3)
    void onceTheIndexIsRightTheSameRecordsAreIndexed() throws Exception {
        es().deleteIndex(sink.indexName());

        QueryRuns.runOnce(lifecycle, QueryLifecycle.Phase.COMPLETED);

        assertEquals(1, lifecycle.lastProgress().numInputRows(), "the record of the failed batch was read again");
        assertEquals(9, es().document(sink.indexName(), "virgin|Drake|Fake Love").get("_source").get("count").asLong());
        assertEquals("strict", es().mapping(sink.indexName()).get("dynamic").asText());
        assertEquals(kafkaAdmin.latestOffsets(sink.topicName()), offsets.nextOffsets(job.consumerId(), sink.topicName()));
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
        new KafkaTestClient(bootstrapServers).send(sink.topicName(),
                counts.stream().map(c -> Map.entry(c.key(), JsonCodec.toJson(c))).toList());
    }

    private List<RejectedRecord> deadLetters() {
        return new RejectedRecordStore(cassandra.session(), cassandra.keyspace()).list(job.consumerId());
    }
}
