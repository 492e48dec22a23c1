package dev.radiostream.spark.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import dev.radiostream.spark.records.RejectReason;

/**
 * A consumer's numbers at /q/metrics, labelled consumer and topic (and partition, sink):
 * <ul>
 * <li>{@code consumer_records_in_total}: Kafka records of the batches whose offsets are being stored;</li>
 * <li>{@code consumer_records_written_total{sink}}: valid records handed to the sink (an upsert may merge several
 * totals of one key into one row);</li>
 * <li>{@code consumer_records_rejected_total{reason}}: records kept in the dead-letter table, by
 * {@link RejectReason} (a fixed set of categories, never the free-text reason: the label stays bounded);</li>
 * <li>{@code consumer_lag_records{partition}}: Kafka's end offset minus the stored next offset (Kafka's end
 * offsets come with every batch and are refreshed every few seconds while the consumer runs);</li>
 * <li>{@code consumer_offsets_stored_age_seconds}: time since this process last stored the next offsets.</li>
 * </ul>
 */
@ApplicationScoped
public class ConsumerMetrics {

    private final MeterRegistry registry;
    private final Map<Integer, Long> nextOffsets = new ConcurrentHashMap<>();
    private final Map<Integer, Long> endOffsets = new ConcurrentHashMap<>();
    private final Set<Integer> partitionsWithGauge = ConcurrentHashMap.newKeySet();
    private volatile Instant storedAt;
    private volatile Tags tags;

    public ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Names the consumer and topic of every meter; called when the consumer opens its topic. */
    public synchronized void track(String consumer, String topic) {
        Tags wanted = Tags.of("consumer", consumer, "topic", topic);
        if (wanted.equals(tags)) {
            return;
        }
        tags = wanted;
        nextOffsets.clear();
        endOffsets.clear();
        partitionsWithGauge.clear();
        recordsIn();
        // Every reason from the start, at 0: a rate or a sum over reasons sees the series before the first reject.
        for (RejectReason reason : RejectReason.values()) {
            recordsRejected(reason);
        }
        Gauge.builder("consumer.offsets.stored.age", this, ConsumerMetrics::secondsSinceStored)
                .description("Seconds since this process last stored the consumer's next offsets")
                .baseUnit("seconds").tags(wanted).register(registry);
    }

    /** Counts a finished micro-batch (its rejects are counted as they are kept: {@link #rejected}). */
    public void batch(String sink, long recordsIn, long recordsWritten) {
        if (tags == null) {
            return;
        }
        recordsIn().increment(recordsIn);
        Counter.builder("consumer.records.written").description("Valid records handed to the sink")
                .tags(tags).tag("sink", sink).register(registry).increment(recordsWritten);
    }

    /** Counts records kept in the dead-letter table, with the same numbers as /status rejectedRecords. */
    public void rejected(RejectReason reason, long records) {
        if (tags == null) {
            return;
        }
        recordsRejected(reason).increment(records);
    }

    /** The next offsets as read from the offsets table at start (no store time: this process did not write them). */
    public void nextOffsetsLoaded(Map<Integer, Long> next) {
        nextOffsets.putAll(next);
        addLagGauges(next.keySet());
    }

    /** The next offsets this process has just stored. */
    public void nextOffsetsStored(Map<Integer, Long> next) {
        nextOffsets.putAll(next);
        storedAt = Instant.now();
        addLagGauges(next.keySet());
    }

    /** Kafka's end offsets (the offset the next produced record gets), per partition. */
    public void endOffsets(Map<Integer, Long> end) {
        endOffsets.putAll(end);
        addLagGauges(end.keySet());
    }

    /** End offset minus stored next offset; NaN while either is unknown (as Kafka's tool shows "-"). */
    double lag(int partition) {
        Long end = endOffsets.get(partition);
        Long next = nextOffsets.get(partition);
        return end == null || next == null ? Double.NaN : Math.max(0, end - next);
    }

    private double secondsSinceStored() {
        Instant at = storedAt;
        return at == null ? Double.NaN : Duration.between(at, Instant.now()).toMillis() / 1000.0;
    }

    private void addLagGauges(Set<Integer> partitions) {
        Tags current = tags;
        if (current == null) {
            return;
        }
        for (int partition : partitions) {
            if (partitionsWithGauge.add(partition)) {
                Gauge.builder("consumer.lag", this, metrics -> metrics.lag(partition))
                        .description("Kafka end offset minus the stored next offset").baseUnit("records")
                        .tags(current).tag("partition", Integer.toString(partition)).register(registry);
            }
        }
    }

    private Counter recordsIn() {
        return Counter.builder("consumer.records.in").description("Kafka records of the finished micro-batches")
                .tags(tags).register(registry);
    }

    private Counter recordsRejected(RejectReason reason) {
        return Counter.builder("consumer.records.rejected").description("Records kept in the dead-letter table")
                .tags(tags).tag("reason", reason.label()).register(registry);
    }
}
