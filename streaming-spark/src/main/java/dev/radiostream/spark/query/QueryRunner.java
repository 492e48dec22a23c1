package dev.radiostream.spark.query;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Quarkus;

/**
 * What every service's {@code run} command does: start the query, then either wait for the service to be
 * stopped (SIGTERM, Ctrl-C) or, with {@code --once}, wait for the query to process what is there and exit.
 */
@ApplicationScoped
public class QueryRunner {

    private final QueryLifecycle lifecycle;

    public QueryRunner(QueryLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** Returns the process exit code: 0 when the query ran or completed, 1 when a once run failed. */
    public int run(boolean once) throws InterruptedException {
        if (!once) {
            lifecycle.start(RunMode.CONTINUOUS);
            Quarkus.waitForExit();
            return 0;
        }
        lifecycle.start(RunMode.ONCE);
        lifecycle.awaitEnd(Duration.ofDays(365));
        if (lifecycle.phase() == QueryLifecycle.Phase.COMPLETED) {
            return 0;
        }
        System.err.println("error: " + lifecycle.jobName() + " failed: " + lifecycle.reason());
        return 1;
    }
}
