package dev.radiostream.spark.query;

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
            String reason = QueryDecisions.notReadyReason(lifecycle.phase(), lifecycle.reason(), lifecycle.silentFor(),
                    settings.stallTimeout());
            return reason == null ? named().up().build() : named().down().withData("reason", reason).build();
        };
    }

    @Produces
    @Liveness
    HealthCheck queryAlive() {
        return () -> {
            String reason = QueryDecisions.notLiveReason(lifecycle.batchRunning(), lifecycle.silentFor(),
                    settings.wedgedTimeout());
            return reason == null ? named().up().build() : named().down().withData("reason", reason).build();
        };
    }

    private HealthCheckResponseBuilder named() {
        return HealthCheckResponse.named("streaming-query " + lifecycle.jobName())
                .withData("phase", lifecycle.phase().name());
    }
}
