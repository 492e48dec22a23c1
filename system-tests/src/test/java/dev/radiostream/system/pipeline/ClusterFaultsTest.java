package dev.radiostream.system.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.radiostream.testing.Await;
import dev.radiostream.pipeline.FlowSnapshot;
import dev.radiostream.pipeline.Http;
import dev.radiostream.pipeline.KafkaTopics;
import dev.radiostream.pipeline.Pipeline;
import dev.radiostream.pipeline.PipelineServices;
import dev.radiostream.pipeline.ServiceProcess;
import dev.radiostream.pipeline.SongCountResults;
import dev.radiostream.pipeline.SparkPlacement;
import dev.radiostream.stack.SparkCluster;

/**
 * Parts of the Spark cluster fail in the middle of the stream. Each service holds one executor (cores max 1), so
 * losing its worker leaves it without any until the master places a new one on the other worker.
 */
class ClusterFaultsTest extends PipelineTestSupport {

    private SparkCluster cluster;

    @BeforeEach
    void wholeCluster() {
        cluster = SparkCluster.local().ensureUp();
    }

    private Pipeline startMidStream() throws InterruptedException {
        Pipeline pipeline = pipeline(new LinkedHashSet<>(List.of(PipelineServices.PRODUCER_SONG_COUNTS,
                PipelineServices.CASSANDRA_CONNECTOR, PipelineServices.CASSANDRA_FOREACH)), 1,
                new SparkPlacement(cluster.masterUrl(), 1));
        pipeline.start("768m");
        try (KafkaTopics kafka = new KafkaTopics(stack.kafkaBootstrapServers())) {
            Await.until(Duration.ofMinutes(4), "the consumers to be part-way through the stream", () -> {
                FlowSnapshot snapshot = FlowSnapshot.take(pipeline.processes().stream().map(ServiceProcess::spec).toList(),
                        pipeline.options().endpoints(), kafka);
                FlowSnapshot.ServiceView producer = snapshot.services().get(PipelineServices.PRODUCER_SONG_COUNTS);
                // The first batches on a busy cluster are slow: any point before the producer's last file will do.
                return producer.filesProcessed() > 0 && producer.filesProcessed() < producer.filesTotal()
                        && snapshot.services().get(PipelineServices.CASSANDRA_FOREACH).nextOffsetsSum() > 0;
            });
        }
        return pipeline;
    }

    /**
     * Both faults in one run of the pipeline (one run costs minutes on 2 cores): first a worker is SIGKILLed, then,
     * once the executor it held is replaced on the other worker, the master is stopped and started again.
     */
    @Test
    void aKilledWorkerAndARestartedMasterLeaveTheResultsExact() throws Exception {
        Pipeline pipeline = startMidStream();
        ServiceProcess foreach = pipeline.process(PipelineServices.CASSANDRA_FOREACH);
        int worker = cluster.workerRunning(PipelineServices.CASSANDRA_FOREACH)
                .orElseThrow(() -> new AssertionError("no worker runs an executor of " + PipelineServices.CASSANDRA_FOREACH));

        cluster.killWorker(worker);
        awaitClusterCheck(foreach, Duration.ofSeconds(30), "DOWN naming the lost executor",
                reason -> reason != null && reason.contains("no executor registered"));
        Await.until(Duration.ofMinutes(2), "a new executor of " + PipelineServices.CASSANDRA_FOREACH + " on the other worker",
                () -> cluster.workerRunning(PipelineServices.CASSANDRA_FOREACH).isPresent());
        // The master lists the new executor before the driver has registered it: stopping the master in between
        // would find the check still DOWN for the executor, not for the master.
        awaitClusterCheck(foreach, Duration.ofMinutes(1), "UP again with the new executor", reason -> reason == null);

        cluster.stopMaster();
        awaitClusterCheck(foreach, Duration.ofSeconds(30), "DOWN naming the unreachable master",
                reason -> reason != null && reason.contains("Spark master") && reason.contains("unreachable"));
        Thread.sleep(3000); // the executors go on meanwhile

        cluster.startMaster();
        awaitFlowed(pipeline);
        assertTrue(cluster.state().runningApps().contains(PipelineServices.CASSANDRA_FOREACH),
                "the restarted master knows the application again: " + cluster.state().runningApps());
        assertExact(SongCountResults.collect(pipeline.options().endpoints(), "Drake"), true, false);
        // Started again only now: right after SIGKILL its ports may still be taken for a while.
        cluster.startWorker(worker);
    }

    /**
     * Polls the service's readiness until its spark-cluster check matches: {@code expected} gets the check's
     * reason when it is DOWN, null when it is UP.
     */
    private static void awaitClusterCheck(ServiceProcess service, Duration timeout, String what,
            Predicate<String> expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            Optional<JsonNode> health = Http.get(service.spec().baseUrl() + "/q/health/ready");
            for (JsonNode check : health.map(h -> h.path("checks")).orElse(Http.JSON.createArrayNode())) {
                if (check.path("name").asText().equals("spark-cluster")) {
                    boolean down = check.path("status").asText().equals("DOWN");
                    String reason = down ? check.path("data").path("reason").asText() : null;
                    if (expected.test(reason)) {
                        return;
                    }
                    last = down ? "DOWN: " + reason : "UP";
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(service.spec().name() + "'s spark-cluster check not " + what + " within "
                + timeout.toSeconds() + " s; last: " + last);
    }
}
