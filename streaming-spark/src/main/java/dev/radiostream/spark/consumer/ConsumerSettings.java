package dev.radiostream.spark.consumer;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How a consuming service reads its topic. Where it resumes comes from the Cassandra kafka_offsets table,
 * not from Spark's checkpoint. Environment: CONSUMER_ID, CONSUMER_TOPIC, CONSUMER_STARTING_OFFSETS, ...
 */
@ConfigMapping(prefix = "consumer")
public interface ConsumerSettings {

    /** The consumer id under which offsets are stored; each service derives a default from its mode. */
    Optional<String> id();

    /** Where a partition with no stored offset starts: earliest or latest. */
    @WithDefault("earliest")
    String startingOffsets();

    /**
     * When a stored offset is no longer in Kafka (retention removed it): false warns and continues from the
     * earliest available offset, true stops the query with an error.
     */
    @WithDefault("false")
    boolean failOnDataLoss();

    /** Upper bound of records per micro-batch (spread over partitions); empty means no bound. */
    Optional<Long> maxOffsetsPerTrigger();

    /**
     * Spark read tasks per micro-batch at least (Spark's Kafka option minPartitions): a Kafka partition's range
     * is split when there are fewer partitions than cores. Empty: one task per Kafka partition. Not for sink
     * styles that rely on a key's records staying in one task: the foreach-writer style ignores it.
     */
    Optional<Integer> minPartitions();

    /** Records with a larger value are rejected to the dead-letter table. */
    @WithDefault("1048576")
    long maxRecordBytes();

    /** Readiness is DOWN while a finished batch's offsets could not be stored for longer than this. */
    @WithDefault("30s")
    Duration offsetsPendingLimit();

    /** Partitions of the topic when the service has to create it. */
    @WithDefault("3")
    int topicPartitions();
}
