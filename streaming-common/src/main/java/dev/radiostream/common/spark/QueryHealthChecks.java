package dev.radiostream.common.spark;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Health of the streaming query. Readiness: the query runs and shows signs of progress (a batch or an idle
 * tick) within the stall timeout. Liveness: no micro-batch has hung beyond the wedged timeout.
 */
@ApplicationScoped
public class QueryHealthChecks {

    private final QueryLifecycle lifecycle;
    private final StreamingSettings settings;

    public QueryHealthChecks(QueryLifecycle lifecycle, StreamingSettings settings) {
        this.lifecycle = lifecycle;
        this.settings = settings;
    }

    @Produces
    @Readiness
    HealthCheck queryReady() {
        return () -> {
            HealthCheckResponseBuilder response = named();
            Duration silent = Duration.between(lifecycle.lastSignOfLife(), Instant.now());
            switch (lifecycle.phase()) {
                case RUNNING -> {
                    if (silent.compareTo(settings.stallTimeout()) > 0) {
                        response.down().withData("reason", "no progress for " + silent.toSeconds() + " s");
                    } else {
                        response.up();
                    }
                }
                case COMPLETED -> response.up();
                case NOT_STARTED -> response.down().withData("reason", "query not started");
                case STARTING -> response.down().withData("reason", "query starting");
                default -> response.down().withData("reason", String.valueOf(lifecycle.reason()));
            }
            return response.build();
        };
    }

    @Produces
    @Liveness
    HealthCheck queryAlive() {
        return () -> {
            Duration silent = Duration.between(lifecycle.lastSignOfLife(), Instant.now());
            boolean wedged = lifecycle.batchRunning() && silent.compareTo(settings.wedgedTimeout()) > 0;
            HealthCheckResponseBuilder response = named();
            return wedged
                    ? response.down().withData("reason", "micro-batch running for " + silent.toSeconds() + " s").build()
                    : response.up().build();
        };
    }

    private HealthCheckResponseBuilder named() {
        return HealthCheckResponse.named("streaming-query " + lifecycle.jobName())
                .withData("phase", lifecycle.phase().name());
    }
}
