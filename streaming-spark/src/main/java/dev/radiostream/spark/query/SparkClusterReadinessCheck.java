package dev.radiostream.spark.query;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * On a Spark standalone cluster (spark.master=spark://...), ready only while the master answers and this
 * application has at least one executor; the response names what is missing. In local mode there is nothing
 * to check: always UP.
 */
@Readiness
@ApplicationScoped
public class SparkClusterReadinessCheck implements HealthCheck {

    private static final int CONNECT_TIMEOUT_MS = 1000;

    private final String master;

    public SparkClusterReadinessCheck(@ConfigProperty(name = "spark.master") String master) {
        this.master = master;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("spark-cluster").withData("master", master);
        if (!ClusterJars.isStandaloneMaster(master)) {
            return response.up().build();
        }
        String reason = notReadyReason();
        return reason == null ? response.up().build() : response.down().withData("reason", reason).build();
    }

    /** Null when ready, else what is missing. */
    private String notReadyReason() {
        List<String> problems = new ArrayList<>();
        String unreachable = unreachableMasters();
        if (unreachable != null) {
            problems.add(unreachable + " (running executors go on, lost ones cannot be replaced)");
        }
        SparkContext context = SparkSession.getDefaultSession().isDefined()
                ? SparkSession.getDefaultSession().get().sparkContext() : null;
        if (context == null) {
            problems.add("the Spark application has not started yet");
        } else if (context.isStopped()) {
            problems.add("the Spark application was stopped (the master gave up on it or was unreachable too long)");
        } else {
            // The driver is always listed among the executors, hence the - 1.
            int executors = context.statusTracker().getExecutorInfos().length - 1;
            if (executors < 1) {
                problems.add("no executor registered: the cluster gives this application none (all workers lost, "
                        + "or no free cores/memory on them)");
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /** Null if any master of the URL accepts a connection (standby masters may be listed too). */
    private String unreachableMasters() {
        String lastFailure = null;
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            int port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
                return null;
            } catch (IOException e) {
                lastFailure = "Spark master " + host + ":" + port + " unreachable: " + e.getMessage();
            }
        }
        return lastFailure;
    }
}
