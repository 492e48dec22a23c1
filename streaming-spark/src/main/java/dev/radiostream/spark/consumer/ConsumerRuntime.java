package dev.radiostream.spark.consumer;

import jakarta.enterprise.context.ApplicationScoped;

import dev.radiostream.core.cassandra.CassandraSessions;
import dev.radiostream.spark.query.StreamingSettings;

/** What {@link KafkaConsumerJob} needs from the service, in one bean so that a job's constructor stays short. */
@ApplicationScoped
public class ConsumerRuntime {

    private final ConsumerSettings settings;
    private final StreamingSettings streaming;
    private final TrackedKafkaSource source;
    private final DeadLetters deadLetters;
    private final CassandraSessions cassandra;
    private final ConsumerMetrics metrics;

    public ConsumerRuntime(ConsumerSettings settings, StreamingSettings streaming, TrackedKafkaSource source,
            DeadLetters deadLetters, CassandraSessions cassandra, ConsumerMetrics metrics) {
        this.metrics = metrics;
        this.settings = settings;
        this.streaming = streaming;
        this.source = source;
        this.deadLetters = deadLetters;
        this.cassandra = cassandra;
    }

    public ConsumerSettings settings() {
        return settings;
    }

    public StreamingSettings streaming() {
        return streaming;
    }

    public TrackedKafkaSource source() {
        return source;
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    public CassandraSessions cassandra() {
        return cassandra;
    }

    public ConsumerMetrics metrics() {
        return metrics;
    }
}
