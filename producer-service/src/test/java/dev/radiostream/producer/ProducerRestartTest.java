package dev.radiostream.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.SparkSession;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.radiostream.core.model.JsonCodec;
import dev.radiostream.spark.query.QueryLifecycle;
import dev.radiostream.spark.query.RunMode;
import dev.radiostream.testing.Await;
import dev.radiostream.testing.GeneratedPlays;
import dev.radiostream.testing.KafkaTestClient;
import dev.radiostream.testing.LocalStackResource;
import dev.radiostream.testing.QueryRuns;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Stopping the service after a few micro-batches and starting it again on the same checkpoint continues
 * where it stopped: every total in Kafka ends exact, none counted twice.
 */
@QuarkusTest
@TestProfile(ProducerRestartTest.OneFileAtATimeAllArtists.class)
@QuarkusTestResource(value = LocalStackResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "unique", value = "producer.topic"))
class ProducerRestartTest {

    public static class OneFileAtATimeAllArtists implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("producer.files-per-trigger", "1", "producer.all-artists", "true",
                    "streaming.trigger-interval", "100ms");
        }
    }

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
    void aRestartContinuesFromTheCheckpointWithoutCountingTwice() throws Exception {
        GeneratedPlays plays = GeneratedPlays.make(7, 300, 5);
        plays.writeParquet(spark, Path.of(sourcePath));

        lifecycle.start(RunMode.CONTINUOUS);
        Await.until(Duration.ofMinutes(2), "three micro-batches",
                () -> lifecycle.lastProgress() != null && lifecycle.lastProgress().batchId() >= 2);
        lifecycle.stop();
        long batchesBeforeStop = lifecycle.lastProgress().batchId() + 1;

        QueryRuns.runOnce(lifecycle);
        assertTrue(lifecycle.lastProgress().batchId() >= batchesBeforeStop, "the second run continued the batch ids");

        Map<String, Long> last = new HashMap<>();
        for (ConsumerRecord<String, String> record : new KafkaTestClient(bootstrapServers).readAll(topic)) {
            long count = JsonCodec.songCount(record.value()).count();
            Long before = last.put(record.key(), count);
            assertTrue(before == null || before <= count, "a running total never goes down: " + record);
        }
        assertEquals(plays.expectedCounts(null), last);
    }
}
