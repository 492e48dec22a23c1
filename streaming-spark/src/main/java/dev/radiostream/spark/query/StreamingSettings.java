package dev.radiostream.spark.query;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the query lifecycle runs: trigger, restart back-off, when a query counts as stalled. */
@ConfigMapping(prefix = "streaming")
public interface StreamingSettings {

    /** Processing-time trigger of continuous queries. */
    @WithDefault("1s")
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
