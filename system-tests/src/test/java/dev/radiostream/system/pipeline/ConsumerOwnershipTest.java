package dev.radiostream.system.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;

import dev.radiostream.pipeline.FlowSnapshot;
import dev.radiostream.pipeline.KafkaTopics;
import dev.radiostream.pipeline.Pipeline;
import dev.radiostream.pipeline.PipelineServices;
import dev.radiostream.pipeline.ServiceProcess;
import dev.radiostream.pipeline.ServiceSpec;
import dev.radiostream.pipeline.SongCountResults;
import dev.radiostream.testing.Await;

/**
 * One owner per consumer id, between real processes: two kafka-to-cassandra (connector) processes with the same
 * consumer id. The second waits, naming the first; the first is paused (SIGSTOP) past its lease, the second takes
 * over; the first is resumed (SIGCONT) and stops writing. Throughout, the stored offsets (watched every 100 ms)
 * never move backwards, and song_counts ends exact.
 */
class ConsumerOwnershipTest extends PipelineTestSupport {

    private static final String LEASE_TTL = "6s";

    @Test
    void aPausedOwnerLosesTheConsumerIdAndNeverMovesOffsetsBack() throws Exception {
        Pipeline pipeline = pipeline(new LinkedHashSet<>(List.of(PipelineServices.PRODUCER_SONG_COUNTS,
                PipelineServices.CASSANDRA_CONNECTOR)), 1);
        ServiceSpec base = pipeline.process(PipelineServices.CASSANDRA_CONNECTOR).spec();
        // The first under the pipeline's own name (so that the pipeline stops it), the second beside it.
        ServiceProcess first = new ServiceProcess(withShortLease(base, base.name(), base.port()), pipeline.options().runDir());
        ServiceProcess second = new ServiceProcess(withShortLease(base, base.name() + "-second", base.port() + 100),
                pipeline.options().runDir());
        // One file every 3 s (48 files): the stream still flows while the second process takes over.
        ServiceSpec producerSpec = pipeline.process(PipelineServices.PRODUCER_SONG_COUNTS).spec();
        Map<String, String> slower = new LinkedHashMap<>(producerSpec.env());
        slower.put("STREAMING_TRIGGER_INTERVAL", "3s");
        ServiceProcess producer = new ServiceProcess(new ServiceSpec(producerSpec.name(), producerSpec.module(),
                producerSpec.port(), producerSpec.args(), slower), pipeline.options().runDir());
        String consumer = PipelineServices.CASSANDRA_CONNECTOR; // the default id of the connector style, both processes
        // The first consumer ready before the producer starts, so that it stores offsets mid-stream.
        first.start(ROOT, "768m");
        long firstPid = first.handle().orElseThrow().pid();
        Await.until(Duration.ofMinutes(3), "the first consumer to be ready", () -> ready(first));
        producer.start(ROOT, "768m");
        OffsetsWatch watch = null;
        try (KafkaTopics kafka = new KafkaTopics(stack.kafkaBootstrapServers());
                CqlSession cassandra = SongCountResults.cassandra(pipeline.options().endpoints())) {
            Await.until(Duration.ofMinutes(4), "the first consumer to store offsets mid-stream", () -> {
                FlowSnapshot snapshot = FlowSnapshot.take(List.of(producer.spec(), first.spec()),
                        pipeline.options().endpoints(), kafka);
                FlowSnapshot.ServiceView files = snapshot.services().get(producer.spec().name());
                return files.filesProcessed() > 2 && files.filesProcessed() < files.filesTotal() - 4
                        && snapshot.services().get(first.spec().name()).nextOffsetsSum() > 0;
            });

            second.start(ROOT, "768m");
            long secondPid = second.handle().orElseThrow().pid();
            Await.until(Duration.ofMinutes(2), "the second to wait, naming the first", () ->
                    reason(second).filter(r -> r.contains("consumer " + consumer + " is owned by host ")
                            && r.contains("(pid " + firstPid + ", since ")).isPresent());
            assertEquals(1, reason(second).orElseThrow().lines().count());

            OffsetsWatch offsets = new OffsetsWatch(cassandra, pipeline.options().endpoints().keyspace(), consumer);
            watch = offsets;
            offsets.start();
            signal("STOP", firstPid);
            Await.until(Duration.ofMinutes(2), "the second to take over and store offsets", () ->
                    owner(cassandra, pipeline, consumer) == secondPid && storedSum(second) > 0);
            signal("CONT", firstPid);
            Await.until(Duration.ofMinutes(1), "the resumed first to know it lost the consumer id", () ->
                    status(first).map(s -> s.path("owner").path("lost").isTextual()
                            || s.path("reason").asText("").contains("(pid " + secondPid + ", since ")).orElse(false));
            assertTrue(first.isRunning(), "the first waits as a standby, it does not exit");

            Await.until(Duration.ofMinutes(6), "all data stored by the second", () -> {
                FlowSnapshot snapshot = FlowSnapshot.take(List.of(producer.spec()), pipeline.options().endpoints(), kafka);
                FlowSnapshot.ServiceView files = snapshot.services().get(producer.spec().name());
                long end = snapshot.topicEnds().get(pipeline.options().endpoints().songCountsTopic());
                return files.filesTotal() > 0 && files.filesProcessed() == files.filesTotal()
                        && offsets.lastSum() == end && end > 0;
            });
            offsets.stop();
            assertEquals(List.of(), offsets.backwards(), "stored offsets never moved backwards");
            assertTrue(offsets.owners().size() >= 2, "offsets were stored under two owners: " + offsets.owners());
            Map<String, Long> expected = PLAYS.expectedCounts("Drake");
            assertEquals(expected, column(SongCountResults.collect(pipeline.options().endpoints(), "Drake"),
                    SongCountResults.Song::connector), "song_counts");
        } finally {
            if (watch != null) {
                watch.stop();
            }
            first.handle().ifPresent(h -> signal("CONT", h.pid()));
            second.stop(Duration.ofSeconds(30));
        }
    }

    private static ServiceSpec withShortLease(ServiceSpec base, String name, int port) {
        Map<String, String> env = new LinkedHashMap<>(base.env());
        env.put("CONSUMER_LEASE_TTL", LEASE_TTL);
        env.put("STREAMING_RESTART_MAX_BACKOFF", "3s"); // a waiting process looks again every 3 s
        return new ServiceSpec(name, base.module(), port, base.args(), env);
    }

    private static Optional<String> reason(ServiceProcess process) {
        return status(process).map(s -> s.path("reason").asText("")).filter(r -> !r.isEmpty());
    }

    private static long storedSum(ServiceProcess process) {
        long sum = 0;
        for (JsonNode offset : status(process).map(s -> s.path("nextOffsets")).orElseThrow()) {
            sum += offset.asLong();
        }
        return sum;
    }

    /** The pid of the lease's owner as the table holds it. */
    private static long owner(CqlSession cassandra, Pipeline pipeline, String consumer) {
        Row row = cassandra.execute("SELECT owner_pid FROM " + pipeline.options().endpoints().keyspace()
                + ".kafka_offsets WHERE consumer = ? LIMIT 1", consumer).one();
        return row == null || row.isNull("owner_pid") ? -1 : row.getLong("owner_pid");
    }

    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the consumer's stored offsets every 100 ms and records every partition whose offset went down. */
    private static final class OffsetsWatch {
        private final CqlSession cassandra;
        private final String query;
        private final String consumer;
        private final Map<Integer, Long> highest = new ConcurrentHashMap<>();
        private final List<String> backwards = new CopyOnWriteArrayList<>();
        private final List<Long> owners = new CopyOnWriteArrayList<>();
        private volatile boolean running = true;
        private volatile long lastSum;
        private Thread thread;

        OffsetsWatch(CqlSession cassandra, String keyspace, String consumer) {
            this.cassandra = cassandra;
            this.consumer = consumer;
            this.query = "SELECT partition, next_offset, owner_epoch FROM " + keyspace + ".kafka_offsets WHERE consumer = ?";
        }

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    long sum = 0;
                    for (Row row : cassandra.execute(query, consumer)) {
                        int partition = row.getInt("partition");
                        long next = row.getLong("next_offset");
                        sum += next;
                        Long before = highest.put(partition, Math.max(next, highest.getOrDefault(partition, next)));
                        if (before != null && next < before) {
                            backwards.add("partition " + partition + ": " + before + " -> " + next);
                        }
                        if (!row.isNull("owner_epoch") && !owners.contains(row.getLong("owner_epoch"))) {
                            owners.add(row.getLong("owner_epoch"));
                        }
                    }
                    lastSum = sum;
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "offsets-watch");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(5000);
        }

        long lastSum() {
            return lastSum;
        }

        List<String> backwards() {
            return new ArrayList<>(backwards);
        }

        List<Long> owners() {
            return new ArrayList<>(owners);
        }
    }
}
