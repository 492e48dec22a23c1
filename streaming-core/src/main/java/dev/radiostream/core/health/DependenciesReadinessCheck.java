package dev.radiostream.core.health;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.arc.All;

/** Ready only when every server the service depends on answers; the response names the one that does not. */
@Readiness
@ApplicationScoped
public class DependenciesReadinessCheck implements HealthCheck {

    private final List<DependencyProbe> probes;

    public DependenciesReadinessCheck(@All List<DependencyProbe> probes) {
        this.probes = probes;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("dependencies").up();
        for (DependencyProbe probe : probes) {
            try {
                probe.check();
                response.withData(probe.name(), "UP " + probe.address());
            } catch (Exception e) {
                response.down().withData(probe.name(), "DOWN " + probe.address() + ": " + Messages.oneLine(e));
            }
        }
        return response.build();
    }
}
