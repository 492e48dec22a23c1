package dev.radiostream.toelastic;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.radiostream.core.kafka.KafkaAdmin;
import dev.radiostream.core.model.JsonCodec;
import dev.radiostream.core.model.SongCount;
import dev.radiostream.core.offsets.KafkaOffsetStore;
import dev.radiostream.spark.query.QueryLifecycle;
import dev.radiostream.spark.query.RunMode;
import dev.radiostream.testing.Await;
import dev.radiostream.testing.QueryRuns;
import dev.radiostream.testing.KafkaTestClient;
import dev.radiostream.testing.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Elasticsearch going away and coming back, simulated by a proxy in front of the stack's Elasticsearch:
 * readiness DOWN naming Elasticsearch, the query restarting with back-off, and once it is back every record
 * indexed, none lost: at start, and in the middle of a running stream.
 */
@QuarkusTest
@QuarkusTestResource(value = ElasticsearchOutageTest.ProxiedStack.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "unique", value = "cassandra.keyspace,kafka-to-elastic.topic,kafka-to-elastic.index"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ElasticsearchOutageTest {

    /** The local stack, with the service pointed at a proxy in front of its Elasticsearch. */
    public static class ProxiedStack extends LocalStackResource {
        static volatile TcpProxy proxy;
        static volatile String directUrl;

        @Override
        public Map<String, String> start() {
            Map<String, String> config = new java.util.HashMap<>(super.start());
            directUrl = config.get("elasticsearch.url");
            URI elasticsearch = URI.create(directUrl);
            proxy = new TcpProxy(elasticsearch.getHost(), elasticsearch.getPort());
            config.put("elasticsearch.url", "http://127.0.0.1:" + proxy.port());
            return config;
        }

        @Override
        public void stop() {
            try {
                proxy.down();
            } catch (Exception e) {
                // test over
            }
            CreatedIndex.delete();
        }
    }

    @Inject
    QueryLifecycle lifecycle;

    @Inject
    KafkaToElasticJob job;

    @Inject
    ElasticSinkSettings sink;

    @Inject
    KafkaOffsetStore offsets;

    @Inject
    KafkaAdmin kafkaAdmin;

    @ConfigProperty(name = "kafka.bootstrap-servers")
    String bootstrapServers;

    @Test
    @Order(1)
    void startsWithoutElasticsearchAndCatchesUpOnceItIsThere() throws Exception {
        kafkaAdmin.ensureTopic(sink.topicName(), 3);
        send(List.of(new SongCount("nova", "Drake", "One Dance", 1), new SongCount("nova", "Drake", "Hype", 2),
                new SongCount("skyrock", "Drake", "Controlla", 1)));

        lifecycle.start(RunMode.CONTINUOUS);
        Await.until(Duration.ofSeconds(60), "the query to restart", () -> lifecycle.phase() == QueryLifecycle.Phase.RESTARTING);
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'dependencies' }.data.elasticsearch", startsWith("DOWN"));
        given().get("/status").then().body("reason", containsString("Elasticsearch"));

        ProxiedStack.proxy.up();
        awaitEverythingIndexed(3);
        Await.until(Duration.ofSeconds(30), "readiness", () -> given().get("/q/health/ready").statusCode() == 200);
    }

    @Test
    @Order(2)
    void losesNothingWhenElasticsearchGoesAwayWhileRunning() throws Exception {
        ProxiedStack.proxy.down();
        send(List.of(new SongCount("nova", "Drake", "One Dance", 2), new SongCount("virgin", "Drake", "Fake Love", 4)));
        Await.until(Duration.ofSeconds(60), "the failed batch to restart the query",
                () -> lifecycle.phase() == QueryLifecycle.Phase.RESTARTING);
        given().get("/q/health/ready").then().statusCode(503);

        ProxiedStack.proxy.up();
        awaitEverythingIndexed(4);
        assertEquals(2, new ElasticsearchTestClient(ProxiedStack.directUrl).document(sink.indexName(), "nova|Drake|One Dance")
                .get("_source").get("count").asLong());
        given().get("/status").then().body("phase", equalTo("RUNNING"));
        lifecycle.stop();
    }

    private void awaitEverythingIndexed(long documents) {
        QueryRuns.awaitOffsetsAtTheEnd(lifecycle, kafkaAdmin, offsets, job.consumerId(), sink.topicName());
        CreatedIndex.remember(ProxiedStack.directUrl, sink.indexName());
        assertEquals(documents, new ElasticsearchTestClient(ProxiedStack.directUrl).count(sink.indexName()));
    }

    private void send(List<SongCount> counts) {
        new KafkaTestClient(bootstrapServers).send(sink.topicName(),
                counts.stream().map(c -> Map.entry(c.key(), JsonCodec.toJson(c))).toList());
    }
}
