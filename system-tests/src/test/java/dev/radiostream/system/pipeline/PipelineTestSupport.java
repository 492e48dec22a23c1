package dev.radiostream.system.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import com.fasterxml.jackson.databind.JsonNode;

import dev.radiostream.core.model.SongCount;
import dev.radiostream.testing.Await;
import dev.radiostream.testing.GeneratedPlays;
import dev.radiostream.pipeline.ClientSecurity;
import dev.radiostream.pipeline.Endpoints;
import dev.radiostream.pipeline.FlowSnapshot;
import dev.radiostream.pipeline.Http;
import dev.radiostream.pipeline.Pipeline;
import dev.radiostream.pipeline.PipelineOptions;
import dev.radiostream.pipeline.PipelineServices;
import dev.radiostream.pipeline.ServiceProcess;
import dev.radiostream.pipeline.SongCountResults;
import dev.radiostream.pipeline.SparkPlacement;
import dev.radiostream.stack.LocalStack;
import dev.radiostream.stack.StackEndpoints;
import dev.radiostream.stack.TestNames;

/**
 * Runs the packaged services as separate processes on the real local stack, on a small generated data set
 * whose true counts the test computes itself. Every test gets topics, a keyspace and indices of its own.
 * (Public for the container test, which runs the same pipeline as containers on the same data.)
 */
public abstract class PipelineTestSupport {

    protected static final Path ROOT = Path.of(System.getProperty("stack.repository.root", "..")).toAbsolutePath().normalize();
    protected static final GeneratedPlays PLAYS = GeneratedPlays.make(2026, 500, 12);

    /**
     * Added to the demo's ports (services 8081-8087, Spark UIs 4040-4045): 1000 by default. Environment
     * PIPELINE_TEST_PORT_OFFSET moves them where several checkouts run these tests on one machine at once.
     */
    protected static final int PORT_OFFSET = Integer.parseInt(
            System.getenv().getOrDefault("PIPELINE_TEST_PORT_OFFSET", "1000"));

    protected static StackEndpoints stack;
    protected static Path data;

    final List<Pipeline> started = new ArrayList<>();

    @BeforeAll
    protected static void generateData() {
        stack = LocalStack.shared().ensureUp();
        data = ROOT.resolve("system-tests/target/e2e-data");
        SparkSession spark = SparkSession.builder().master("local[1]").appName("e2e-data")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1").getOrCreate();
        try {
            PLAYS.writeParquet(spark, data.resolve("plays-partitioned"));
            PLAYS.writeBroadcastParquet(spark, data.resolve("broadcast"));
        } finally {
            spark.stop();
        }
    }

    /** A pipeline of the given services with names of its own; filesPerTrigger small to make it last. */
    Pipeline pipeline(Set<String> services, int filesPerTrigger) {
        return pipeline(services, filesPerTrigger, SparkPlacement.LOCAL);
    }

    /** The same, with the Spark services in local mode or on a cluster. */
    Pipeline pipeline(Set<String> services, int filesPerTrigger, SparkPlacement spark) {
        return pipeline(services, filesPerTrigger, spark, stack, ClientSecurity.NONE, PORT_OFFSET);
    }

    /**
     * The same on the given servers, reached with the given security settings (e.g. the secured stack's), the
     * services' HTTP ports {@code portOffset} above their defaults.
     */
    Pipeline pipeline(Set<String> services, int filesPerTrigger, SparkPlacement spark, StackEndpoints servers,
            ClientSecurity security, int portOffset) {
        String id = TestNames.unique("e2e");
        Endpoints endpoints = new Endpoints(servers.kafkaBootstrapServers(), servers.cassandraHostAndPort(),
                servers.elasticsearchUrl(), id, id + "-song-counts", id + "-plays", id + "-song-counts", id + "-plays",
                security);
        PipelineOptions options = new PipelineOptions("Drake", false, filesPerTrigger, services,
                data.resolve("plays-partitioned"), data.resolve("broadcast"),
                ROOT.resolve("system-tests/target/e2e-run").resolve(id), endpoints, portOffset, spark);
        Pipeline pipeline = new Pipeline(options, ROOT, true);
        started.add(pipeline);
        return pipeline;
    }

    /** The service's readiness answer (its body, UP or DOWN with each check), empty when it does not answer. */
    protected static Optional<JsonNode> readiness(ServiceProcess service) {
        return Http.get(service.spec().baseUrl() + "/q/health/ready");
    }

    /** Whether the service answers its readiness check with UP. */
    protected static boolean ready(ServiceProcess service) {
        return readiness(service).map(health -> "UP".equals(health.path("status").asText())).orElse(false);
    }

    /** The service's /status answer, empty when it does not answer. */
    protected static Optional<JsonNode> status(ServiceProcess service) {
        return Http.get(service.spec().baseUrl() + "/status");
    }

    /**
     * Starts every service of the pipeline but the producers, waits until each is ready, then starts the
     * producers. A producer reads one file a second, so the stream lasts about a minute, and consumers starting
     * beside the producers (six JVMs on 2 cores) may store their first offsets only once it is over: a test that
     * acts mid-stream needs them ready first.
     */
    protected static void startConsumersBeforeProducers(Pipeline pipeline, String heap) {
        List<ServiceProcess> others = pipeline.processes().stream()
                .filter(p -> !PipelineServices.isProducer(p.spec().name())).toList();
        others.forEach(p -> p.start(ROOT, heap));
        Await.until(Duration.ofMinutes(4), "the consumers to be ready",
                () -> others.stream().allMatch(PipelineTestSupport::ready));
        pipeline.processes().stream().filter(p -> PipelineServices.isProducer(p.spec().name()))
                .forEach(p -> p.start(ROOT, heap));
    }

    FlowSnapshot awaitFlowed(Pipeline pipeline) throws InterruptedException {
        return pipeline.awaitFlowed(Duration.ofMinutes(6), snapshot -> { });
    }

    /** Every store in {@code columns} holds exactly the true count of every Drake song. */
    protected static void assertExact(List<SongCountResults.Song> songs, boolean cassandra, boolean elastic) {
        Map<String, Long> expected = PLAYS.expectedCounts("Drake");
        assertTrue(expected.size() >= 8, "the generated data covers several songs");
        assertEquals(expected, column(songs, SongCountResults.Song::kafka), "Kafka");
        if (cassandra) {
            assertEquals(expected, column(songs, SongCountResults.Song::connector), "song_counts");
            assertEquals(expected, column(songs, SongCountResults.Song::foreach), "song_counts_foreach");
        }
        if (elastic) {
            assertEquals(expected, column(songs, SongCountResults.Song::elastic), "Elasticsearch");
        }
    }

    /** One store's count per song key (songs it does not hold are left out). */
    protected static Map<String, Long> column(List<SongCountResults.Song> songs,
            java.util.function.Function<SongCountResults.Song, Long> store) {
        Map<String, Long> values = new TreeMap<>();
        for (SongCountResults.Song song : songs) {
            if (store.apply(song) != null) {
                values.put(SongCount.key(song.radio(), song.artist(), song.title()), store.apply(song));
            }
        }
        return values;
    }

    @AfterEach
    void stopEverything() {
        started.forEach(Pipeline::stop);
        for (Pipeline pipeline : started) {
            assertTrue(pipeline.running().isEmpty(), "no service process is left behind");
        }
    }
}
