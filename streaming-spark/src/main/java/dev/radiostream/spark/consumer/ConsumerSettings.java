package dev.radiostream.spark.consumer;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import dev.radiostream.core.offsets.DeadLetterPolicy;

/**
 * How a consuming service reads its topic. Where it resumes comes from the Cassandra kafka_offsets table,
 * not from Spark's checkpoint. Environment: CONSUMER_ID, CONSUMER_TOPIC, CONSUMER_STARTING_OFFSETS, ...
 */
@ConfigMapping(prefix = "consumer")
public interface ConsumerSettings {

    String DEFAULT_MAX_OFFSETS_PER_TRIGGER = "1000000";

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

    /**
     * Upper bound of records per micro-batch (spread over partitions): a backlog after downtime, or a burst of
     * bad records, comes in batches of bounded size and memory.
     */
    @WithDefault(DEFAULT_MAX_OFFSETS_PER_TRIGGER)
    long maxOffsetsPerTrigger();

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

    /**
     * How long the lease on the consumer id lasts without renewal (renewed three times per TTL). A second process
     * started with the same id waits until the owner's lease ends; an owner paused longer than this loses the id to
     * a waiting process and stops writing when it wakes up.
     */
    @WithDefault("30s")
    Duration leaseTtl();

    /**
     * When the topic was deleted and created again (its Kafka topic id differs from the one stored with the
     * offsets, at start or mid-run): fail stops the consumer with a message saying so (it never skips the new
     * topic's records or resumes in their middle); earliest reads the new topic from its start.
     */
    @WithDefault("fail")
    String onTopicRecreated();

    /** How dead letters (rejected records) are kept. */
    DeadLetterSettings deadLetters();

    interface DeadLetterSettings {

        /** A rejected record's value and key are kept up to this many bytes (their length and hash in full). */
        @WithDefault(DeadLetterPolicy.DEFAULT_MAX_VALUE_BYTES)
        int maxValueBytes();

        /** How long a dead letter is kept; 0s keeps it forever. */
        @WithDefault(DeadLetterPolicy.DEFAULT_TTL)
        Duration ttl();

        /** Dead-letter inserts running at once per batch (per task on executors). */
        @WithDefault(DeadLetterPolicy.DEFAULT_MAX_WRITES_IN_FLIGHT)
        int maxWritesInFlight();

        default DeadLetterPolicy policy() {
            return new DeadLetterPolicy(maxValueBytes(), ttl(), maxWritesInFlight());
        }
    }

    /** Partitions of the topic when the service has to create it. */
    @WithDefault("3")
    int topicPartitions();
}
