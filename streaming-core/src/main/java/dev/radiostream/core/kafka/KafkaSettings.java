package dev.radiostream.core.kafka;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where Kafka is, and the client properties passed through to the consumer (as Kafka Connect's worker
 * passes {@code consumer.*}). Environment: KAFKA_BOOTSTRAP_SERVERS, KAFKA_REQUEST_TIMEOUT.
 */
@ConfigMapping(prefix = "kafka")
public interface KafkaSettings {

    @WithDefault("127.0.0.1:9092")
    String bootstrapServers();

    /** Upper bound of one admin request, so a missing broker gives an answer instead of a hang. */
    @WithDefault("5s")
    Duration requestTimeout();

    /**
     * Kafka consumer properties by their Kafka names ({@code kafka.consumer."max.poll.records"=10000}), given to
     * Spark's Kafka source as {@code kafka.<name>}. Spark manages group, offsets and deserializers itself.
     */
    Map<String, String> consumer();
}
