package dev.radiostream.producer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.SparkSession;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.radiostream.core.model.JsonCodec;
import dev.radiostream.core.model.SongCount;
import dev.radiostream.spark.query.QueryLifecycle;
import dev.radiostream.testing.GeneratedPlays;
import dev.radiostream.testing.KafkaTestClient;
import dev.radiostream.testing.LocalStackResource;
import dev.radiostream.testing.PrometheusScrape;
import dev.radiostream.testing.QueryRuns;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The song-counts query over a generated data set, against the real Kafka of the local stack. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "unique", value = "producer.topic"))
class SongCountsToKafkaTest {

    @Inject
    QueryLifecycle lifecycle;

    @Inject
    SparkSession spark;

    @ConfigProperty(name = "producer.topic")
    String topic;

    @ConfigProperty(name = "producer.source-path")
    String sourcePath;

    @ConfigProperty(name = "kafka.bootstrap-servers")
    String bootstrapServers;

    @Test
    void publishesTheExactRunningTotalOfEverySongOfTheArtist() throws Exception {
        GeneratedPlays plays = GeneratedPlays.make(42, 600, 8);
        plays.writeParquet(spark, Path.of(sourcePath));

        QueryRuns.runOnce(lifecycle);

        List<ConsumerRecord<String, String>> records = new KafkaTestClient(bootstrapServers).readAll(topic);
        Map<String, Long> last = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            SongCount count = JsonCodec.songCount(record.value());
            assertEquals(count.key(), record.key(), "the key is radio|artist|title of the value");
            Long before = last.put(record.key(), count.count());
            assertTrue(before == null || before <= count.count(), "a running total never goes down: " + record);
        }
        Map<String, Long> expected = plays.expectedCounts("Drake");
        assertTrue(expected.size() >= 8, "the generated data covers several Drake songs");
        assertEquals(expected, last);
        assertTrue(records.size() > expected.size(), "totals were published as they grew, batch after batch");

        Map<String, String> labels = Map.of("service", "producer-service", "topic", topic);
        PrometheusScrape metrics = PrometheusScrape.now();
        assertEquals(records.size(), metrics.value("producer_records_sent_total", labels), "records sent = in the topic");
        Map<String, Object> status = given().get("/status").then().statusCode(200).extract().as(Map.class);
        long filesTotal = ((Number) status.get("filesTotal")).longValue();
        assertTrue(filesTotal > 1, "the generated data set has several files: " + status);
        assertEquals(filesTotal, ((Number) status.get("filesProcessed")).longValue());
        assertEquals(filesTotal, metrics.value("producer_files_processed", labels));
        assertEquals(0, metrics.value("producer_files_pending", labels));
    }
}
