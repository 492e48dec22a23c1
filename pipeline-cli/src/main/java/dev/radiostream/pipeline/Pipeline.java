package dev.radiostream.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.querybuilder.SchemaBuilder;

/**
 * The pipeline as a set of processes: starts the selected services, follows the data until it has flowed,
 * stops them. Used by ./pipeline and by the end-to-end tests.
 */
public final class Pipeline {

    private final PipelineOptions options;
    private final Path repositoryRoot;
    private final List<ServiceProcess> processes;

    public Pipeline(PipelineOptions options, Path repositoryRoot, boolean fromScratch) {
        this.options = options;
        this.repositoryRoot = repositoryRoot;
        this.processes = PipelineServices.specs(options, fromScratch).stream()
                .map(spec -> new ServiceProcess(spec, options.runDir())).toList();
        if (!options.endpoints().security().variables().isEmpty()) {
            Http.secure(options.endpoints().elasticsearch(), options.endpoints().security());
        }
    }

    public PipelineOptions options() {
        return options;
    }

    public List<ServiceProcess> processes() {
        return processes;
    }

    public ServiceProcess process(String name) {
        return processes.stream().filter(p -> p.spec().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name + " in this pipeline"));
    }

    public List<ServiceProcess> running() {
        return processes.stream().filter(ServiceProcess::isRunning).toList();
    }

    /** Forgets the data of a previous run: topics, the keyspace, the indices, producer checkpoints. */
    public void resetData() throws InterruptedException {
        Endpoints e = options.endpoints();
        try (KafkaTopics kafka = new KafkaTopics(e.kafka(), e.security().kafka())) {
            kafka.deleteTopics(List.of(e.songCountsTopic(), e.playsTopic()));
        }
        try (CqlSession session = SongCountResults.cassandra(e)) {
            // A schema change, which snapshots the keyspace's tables first: far longer than the driver's 2 s default
            // on a Cassandra that has just started or holds many tables.
            session.execute(SchemaBuilder.dropKeyspace(CqlIdentifier.fromInternal(e.keyspace())).ifExists().build()
                    .setTimeout(Duration.ofMinutes(1)));
        }
        Http.delete(e.elasticsearch() + "/" + e.songCountsIndex());
        Http.delete(e.elasticsearch() + "/" + e.playsIndex());
        deleteRecursively(options.runDir().resolve("checkpoints"));
        // Kafka deletes topics asynchronously: wait until they are gone before the producers create them again.
        try (KafkaTopics kafka = new KafkaTopics(e.kafka(), e.security().kafka())) {
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline) && (kafka.endOffsetSum(e.songCountsTopic()) > 0
                    || kafka.endOffsetSum(e.playsTopic()) > 0)) {
                Thread.sleep(200);
            }
        }
    }

    public void start(String heap) {
        for (ServiceProcess process : processes) {
            process.start(repositoryRoot, heap);
        }
    }

    /**
     * Follows the services until all data has flowed (two looks in a row agree), a service dies, or the
     * timeout passes. Every look goes to {@code onSnapshot}.
     */
    public FlowSnapshot awaitFlowed(Duration timeout, Consumer<FlowSnapshot> onSnapshot) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        boolean flowedBefore = false;
        try (KafkaTopics kafka = new KafkaTopics(options.endpoints().kafka(), options.endpoints().security().kafka())) {
            while (true) {
                for (ServiceProcess process : processes) {
                    if (!process.isRunning()) {
                        throw new IllegalStateException(process.spec().name() + " exited; its log: " + process.logFile());
                    }
                }
                FlowSnapshot snapshot = FlowSnapshot.take(processes.stream().map(ServiceProcess::spec).toList(),
                        options.endpoints(), kafka);
                onSnapshot.accept(snapshot);
                if (snapshot.allFlowed()) {
                    if (flowedBefore) {
                        return snapshot;
                    }
                    flowedBefore = true;
                } else {
                    flowedBefore = false;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the data had not flowed after " + timeout.toSeconds() + " s: "
                            + snapshot.line());
                }
                Thread.sleep(1000);
            }
        }
    }

    public void stop() {
        // Consumers first, so that none is left reading a topic whose producer has gone.
        processes.stream().filter(p -> !PipelineServices.isProducer(p.spec().name()))
                .forEach(p -> p.stop(Duration.ofSeconds(30)));
        processes.stream().filter(p -> PipelineServices.isProducer(p.spec().name()))
                .forEach(p -> p.stop(Duration.ofSeconds(30)));
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
