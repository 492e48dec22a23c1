package dev.radiostream.producer;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The producer's numbers at /q/metrics, labelled with its query and topic:
 * {@code producer_files_processed} and {@code producer_files_pending} (source files, as /status counts them) and
 * {@code producer_records_sent_total} (records the micro-batches wrote to Kafka, from Spark's progress events).
 */
@ApplicationScoped
public class ProducerMetrics {

    private final MeterRegistry registry;
    private final AtomicLong filesProcessed = new AtomicLong();
    private final AtomicLong filesTotal = new AtomicLong();
    private Counter recordsSent;

    public ProducerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the meters of the query writing to the topic; called at every (re)start. */
    public synchronized void track(String query, String topic) {
        if (recordsSent != null) {
            return;
        }
        Gauge.builder("producer.files.processed", filesProcessed, AtomicLong::get)
                .description("Source files the producer has processed").tag("query", query).tag("topic", topic)
                .register(registry);
        Gauge.builder("producer.files.pending", this, ProducerMetrics::filesPending)
                .description("Source files not processed yet").tag("query", query).tag("topic", topic)
                .register(registry);
        recordsSent = Counter.builder("producer.records.sent").description("Records written to Kafka")
                .tag("query", query).tag("topic", topic).register(registry);
    }

    /** Files processed of the files in the source. */
    public void files(long processed, long total) {
        filesProcessed.set(processed);
        filesTotal.set(total);
    }

    /** Counts the records a finished micro-batch wrote to Kafka. */
    public void batchFinished(StreamingQueryProgress progress) {
        if (recordsSent != null) {
            recordsSent.increment(recordsWritten(progress));
        }
    }

    /**
     * What the Kafka sink wrote: its own count when Spark reports one; otherwise the rows an aggregation updated
     * (the running totals published in update mode), or else every row read.
     */
    static long recordsWritten(StreamingQueryProgress progress) {
        if (progress.sink() != null && progress.sink().numOutputRows() >= 0) {
            return progress.sink().numOutputRows();
        }
        StateOperatorProgress[] operators = progress.stateOperators();
        if (operators != null && operators.length > 0) {
            long updated = 0;
            for (StateOperatorProgress operator : operators) {
                updated += operator.numRowsUpdated();
            }
            return updated;
        }
        return progress.numInputRows();
    }

    private double filesPending() {
        return Math.max(0, filesTotal.get() - filesProcessed.get());
    }
}
