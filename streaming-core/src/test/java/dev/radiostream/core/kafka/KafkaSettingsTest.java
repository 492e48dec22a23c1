package dev.radiostream.core.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Kafka client properties keep their dotted names on the way through the configuration. */
class KafkaSettingsTest {

    @Test
    void consumerPropertiesKeepTheirKafkaNames() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(KafkaSettings.class)
                .withSources(new PropertiesConfigSource(Map.of(
                        "kafka.bootstrap-servers", "broker:9092",
                        "kafka.request-timeout", "PT5S", // plain SmallRye: no Quarkus duration converter
                        "kafka.consumer.\"max.poll.records\"", "10000",
                        "kafka.consumer.\"fetch.max.bytes\"", "67108864"), "test", 100))
                .build();

        KafkaSettings settings = config.getConfigMapping(KafkaSettings.class);

        assertEquals("broker:9092", settings.bootstrapServers());
        assertEquals(Map.of("max.poll.records", "10000", "fetch.max.bytes", "67108864"), settings.consumer());
    }

    @Test
    void topicsAreCreatedWithOneReplicaUnlessTheEnvironmentSaysOtherwise() {
        assertEquals(1, settings(Map.of()).topicReplicationFactor());
        assertEquals(3, settings(Map.of("KAFKA_TOPIC_REPLICATION_FACTOR", "3")).topicReplicationFactor());
    }

    private static KafkaSettings settings(Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .withMapping(KafkaSettings.class)
                .withSources(new PropertiesConfigSource(Map.of("kafka.request-timeout", "PT5S"), "test", 100),
                        new EnvConfigSource(environment, 300))
                .build()
                .getConfigMapping(KafkaSettings.class);
    }
}
