package dev.radiostream.common.kafka;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where Kafka is. Environment: KAFKA_BOOTSTRAP_SERVERS, KAFKA_REQUEST_TIMEOUT. */
@ConfigMapping(prefix = "kafka")
public interface KafkaSettings {

    @WithDefault("127.0.0.1:9092")
    String bootstrapServers();

    /** Upper bound of one admin request, so a missing broker gives an answer instead of a hang. */
    @WithDefault("5s")
    Duration requestTimeout();
}
