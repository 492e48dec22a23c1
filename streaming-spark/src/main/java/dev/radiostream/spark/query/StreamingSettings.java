package dev.radiostream.spark.query;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the query lifecycle runs: trigger, restart back-off, when a query counts as stalled. */
@ConfigMapping(prefix = "streaming")
public interface StreamingSettings {

    /**
     * Processing-time trigger of continuous queries. 500 ms rather than 1 s: a record waits half a trigger for its
     * batch on average, and at 2,000 records/s the warm p99 latency fell by 0.1-0.6 s per service (BENCHMARKS.md,
     * 2026-11-30); a backlog runs batches back to back either way.
     */
    @WithDefault("500ms")
    Duration triggerInterval();

    /** First wait before restarting a failed query; doubled after each failure up to the maximum. */
    @WithDefault("1s")
    Duration restartInitialBackoff();

    @WithDefault("30s")
    Duration restartMaxBackoff();

    /** A running query that has shown no sign of progress for this long is not ready. */
    @WithDefault("2m")
    Duration stallTimeout();

    /** A micro-batch running longer than this makes the service not live: an orchestrator restarts it. */
    @WithDefault("10m")
    Duration wedgedTimeout();
}
