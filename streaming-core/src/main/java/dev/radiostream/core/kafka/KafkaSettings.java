package dev.radiostream.core.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where Kafka is, how to authenticate to it, and the client properties passed through to every Kafka client of the
 * service (as Kafka Connect's worker passes {@code consumer.*}). Environment: KAFKA_BOOTSTRAP_SERVERS,
 * KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE), ...
 */
@ConfigMapping(prefix = "kafka")
public interface KafkaSettings {

    /** The default the help of --bootstrap-servers shows too (KafkaOptions). */
    String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

    @WithDefault(DEFAULT_BOOTSTRAP_SERVERS)
    String bootstrapServers();

    /** Upper bound of one admin request, so a missing broker gives an answer instead of a hang. */
    @WithDefault("5s")
    Duration requestTimeout();

    /**
     * Replication factor of every topic a service creates when it is missing (the producer's topic, a consumer's
     * topic not there yet); an existing topic keeps its own. 1 suits a one-broker stack: raise it in production.
     */
    @WithDefault("1")
    short topicReplicationFactor();

    /** Kafka's security.protocol: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL. */
    @WithDefault("PLAINTEXT")
    String securityProtocol();

    /** SASL mechanism when the protocol is SASL_*: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512. */
    @WithDefault("PLAIN")
    String saslMechanism();

    Optional<String> saslUsername();

    /** A secret: never printed. From KAFKA_SASL_PASSWORD or the file named by KAFKA_SASL_PASSWORD_FILE. */
    Optional<String> saslPassword();

    /** Trust store of the brokers' certificate authority (SSL, SASL_SSL); the JVM's own trust when absent. */
    Optional<String> truststorePath();

    Optional<String> truststorePassword();

    @WithDefault("PKCS12")
    String truststoreType();

    /**
     * Any other Kafka client property by its Kafka name ({@code kafka.client."ssl.endpoint.identification.algorithm"=}),
     * given to every client: admin, consumers, producers, Spark's Kafka source and sink. Wins over the keys above.
     */
    Map<String, String> client();

    /**
     * Kafka consumer properties by their Kafka names ({@code kafka.consumer."max.poll.records"=10000}), given to
     * Spark's Kafka source as {@code kafka.<name>}. Spark manages group, offsets and deserializers itself.
     */
    Map<String, String> consumer();

    /** The connection and security properties every client of the service gets (bootstrap servers included). */
    default Map<String, String> clientProperties() {
        return KafkaClientProperties.of(this);
    }
}
