package dev.radiostream.system.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.radiostream.testing.Await;
import dev.radiostream.pipeline.FlowSnapshot;
import dev.radiostream.pipeline.Http;
import dev.radiostream.pipeline.KafkaTopics;
import dev.radiostream.pipeline.Pipeline;
import dev.radiostream.pipeline.PipelineServices;
import dev.radiostream.pipeline.PlaysResults;
import dev.radiostream.pipeline.ServiceProcess;
import dev.radiostream.pipeline.SongCountResults;
import dev.radiostream.pipeline.SparkPlacement;
import dev.radiostream.stack.SparkCluster;

/**
 * The whole pipeline with every Spark service as the driver of an application on a real standalone cluster of
 * two workers (./stack's spark-cluster), and parts of the cluster failing in the middle of the stream: a worker
 * SIGKILLed, then the master stopped and started again. Every store ends exact, as in local mode. Both faults in
 * the one run of the whole pipeline: a run costs minutes on 2 cores.
 */
class ClusterPipelineTest extends PipelineTestSupport {

    @Test
    void everyStoreExactThroughAKilledWorkerAndARestartedMaster() throws Exception {
        SparkCluster cluster = SparkCluster.local().ensureUp();
        assertTrue(cluster.workers() >= 2, "STACK_SPARK_WORKERS must give at least two workers");
        // One executor per service (spread over the workers by the master): twelve executors plus six drivers were
        // too much for a 2-core machine (the data had not flowed after 6 minutes). Each worker offers enough cores
        // and memory for all six, so the executors of a lost worker find room on the other.
        Pipeline pipeline = pipeline(new LinkedHashSet<>(PipelineServices.ALL), 1,
                new SparkPlacement(cluster.masterUrl(), 1));
        // Ready on the cluster = their executors registered.
        startConsumersBeforeProducers(pipeline, "768m");
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

        // A worker lost: the consumer whose executor it held has none until the master places one on the other.
        ServiceProcess foreach = pipeline.process(PipelineServices.CASSANDRA_FOREACH);
        // Asked until a worker answers: on a loaded CI machine one question once found no worker listing it although
        // the executor ran (its offsets were already moving); a worker's web UI that misses the read timeout counts
        // as running nothing.
        AtomicInteger found = new AtomicInteger();
        Await.until(Duration.ofMinutes(1), "a worker to list an executor of " + PipelineServices.CASSANDRA_FOREACH, () -> {
            cluster.workerRunning(PipelineServices.CASSANDRA_FOREACH).ifPresent(found::set);
            return found.get() > 0;
        });
        int worker = found.get();
        cluster.killWorker(worker);
        awaitClusterCheck(foreach, Duration.ofMinutes(1), "DOWN naming the lost executor",
                reason -> reason != null && reason.contains("no executor registered"));
        Await.until(Duration.ofMinutes(2), "a new executor of " + PipelineServices.CASSANDRA_FOREACH + " on the other worker",
                () -> cluster.workerRunning(PipelineServices.CASSANDRA_FOREACH).isPresent());
        // The master lists the new executor before the driver has registered it: stopping the master in between
        // would find the check still DOWN for the executor, not for the master. Registering means a new JVM that
        // fetches the application's jars from the driver: on a loaded CI machine that took over a minute once.
        awaitClusterCheck(foreach, Duration.ofMinutes(3), "UP again with the new executor", reason -> reason == null);

        // The master lost: running executors go on; once it is back it recovers the applications.
        cluster.stopMaster();
        awaitClusterCheck(foreach, Duration.ofSeconds(30), "DOWN naming the unreachable master",
                reason -> reason != null && reason.contains("Spark master") && reason.contains("unreachable"));
        Thread.sleep(3000); // the executors go on meanwhile
        cluster.startMaster();

        // Flowed = every service ready, which on a cluster includes "executors registered".
        awaitFlowed(pipeline);
        SparkCluster.MasterState master = cluster.state();
        List<String> sparkServices = PipelineServices.ALL.stream()
                .filter(name -> !name.equals(PipelineServices.OFFSET_ADMIN)).toList();
        assertTrue(master.runningApps().containsAll(sparkServices),
                "every Spark service is an application of the restarted master: " + master.runningApps());
        List<SongCountResults.Song> songs = SongCountResults.collect(pipeline.options().endpoints(), "Drake");
        assertExact(songs, true, true);
        assertTrue(songs.stream().allMatch(SongCountResults.Song::agree));
        assertEquals(PLAYS.playsPerRadio(), PlaysResults.perRadio(pipeline.options().endpoints()), "radio-plays per radio");

        // Started again only now: right after SIGKILL its ports may still be taken for a while.
        cluster.startWorker(worker);
        assertEquals(cluster.workers(), cluster.state().aliveWorkers(), "alive workers");
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
            Optional<JsonNode> health = readiness(service);
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
