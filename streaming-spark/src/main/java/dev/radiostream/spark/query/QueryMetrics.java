package dev.radiostream.spark.query;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.spark.sql.streaming.StreamingQueryProgress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The query's own numbers at /q/metrics, taken from Spark's progress events (StreamingQueryProgress), not from
 * Spark's metrics system:
 * <ul>
 * <li>{@code streaming_input_records_total{query}}: records read by finished micro-batches;</li>
 * <li>{@code streaming_batch_duration_seconds{query}}: a histogram of micro-batch durations;</li>
 * <li>{@code streaming_query_restarts_total{query}}: restarts after a failure.</li>
 * </ul>
 */
@ApplicationScoped
public class QueryMetrics {

    private final MeterRegistry registry;

    public QueryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts a micro-batch seen for the first time. */
    public void batchFinished(String query, StreamingQueryProgress progress) {
        inputRecords(query).increment(progress.numInputRows());
        batchDuration(query).record(Duration.ofMillis(progress.batchDuration()));
    }

    /** Counts a restart of the query after a failure. */
    public void restarted(String query) {
        restarts(query).increment();
    }

    /** Registers the meters of a query at start, so that they show (at 0) before the first batch or failure. */
    public void register(String query) {
        batchDuration(query);
        restarts(query);
        inputRecords(query);
    }

    private Counter inputRecords(String query) {
        return Counter.builder("streaming.input.records").description("Records read by finished micro-batches")
                .tag("query", query).register(registry);
    }

    private Timer batchDuration(String query) {
        return Timer.builder("streaming.batch.duration").description("Duration of a micro-batch")
                .tag("query", query).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    private Counter restarts(String query) {
        return Counter.builder("streaming.query.restarts").description("Restarts of the query after a failure")
                .tag("query", query).register(registry);
    }
}
