package dev.radiostream.system.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.radiostream.common.testing.Await;
import dev.radiostream.pipeline.Pipeline;
import dev.radiostream.pipeline.PipelineServices;
import dev.radiostream.pipeline.ServiceProcess;
import dev.radiostream.pipeline.SongCountResults;

/**
 * A server goes away in the middle of the stream: the services that need it report readiness DOWN naming it,
 * retry by themselves, and once it is back every count ends exact, nothing lost, nothing counted twice.
 */
class ServerOutageTest extends PipelineTestSupport {

    @Test
    void consumersReportACassandraOutageAndRecoverByThemselves() throws Exception {
        Pipeline pipeline = pipeline(new LinkedHashSet<>(List.of(PipelineServices.PRODUCER_SONG_COUNTS,
                PipelineServices.CASSANDRA_CONNECTOR, PipelineServices.CASSANDRA_FOREACH)), 1);
        pipeline.start("768m");
        ServiceProcess connector = pipeline.process(PipelineServices.CASSANDRA_CONNECTOR);
        Await.until(Duration.ofMinutes(3), "the connector consumer to be ready and writing",
                () -> ready(connector) && status(connector).map(s -> s.path("totalInputRows").asLong()).orElse(0L) > 0);

        stack("down", "cassandra");
        try {
            Await.until(Duration.ofMinutes(2), "readiness DOWN naming Cassandra", () -> health(connector)
                    .map(h -> "DOWN".equals(h.path("status").asText()) && h.toString().contains("cassandra")
                            && h.toString().contains("DOWN 127.0.0.1")).orElse(false));
        } finally {
            stack("up", "cassandra");
        }
        Await.until(Duration.ofMinutes(3), "the consumer to be ready again", () -> ready(connector));
        awaitFlowed(pipeline);

        assertExact(SongCountResults.collect(pipeline.options().endpoints(), "Drake"), true, false);
    }

    @Test
    void producerAndConsumerReportAKafkaOutageAndRecoverByThemselves() throws Exception {
        Pipeline pipeline = pipeline(new LinkedHashSet<>(List.of(PipelineServices.PRODUCER_SONG_COUNTS,
                PipelineServices.CASSANDRA_CONNECTOR, PipelineServices.CASSANDRA_FOREACH)), 1);
        pipeline.start("768m");
        ServiceProcess producer = pipeline.process(PipelineServices.PRODUCER_SONG_COUNTS);
        Await.until(Duration.ofMinutes(3), "the producer to be ready and part-way through its files",
                () -> ready(producer) && status(producer).map(s -> s.path("filesProcessed").asLong()).orElse(0L) > 3);

        stack("down", "kafka");
        try {
            Await.until(Duration.ofMinutes(2), "the producer's readiness DOWN naming Kafka", () -> health(producer)
                    .map(h -> "DOWN".equals(h.path("status").asText()) && h.toString().contains("\"kafka\":\"DOWN"))
                    .orElse(false));
        } finally {
            stack("up", "kafka");
        }
        Await.until(Duration.ofMinutes(3), "the producer to be ready again", () -> ready(producer));
        awaitFlowed(pipeline);

        assertExact(SongCountResults.collect(pipeline.options().endpoints(), "Drake"), true, false);
    }

    private static boolean ready(ServiceProcess service) {
        return health(service).map(h -> "UP".equals(h.path("status").asText())).orElse(false);
    }

    private static Optional<JsonNode> health(ServiceProcess service) {
        return get(service.spec().baseUrl() + "/q/health/ready");
    }

    private static Optional<JsonNode> status(ServiceProcess service) {
        return get(service.spec().baseUrl() + "/status");
    }

    static Optional<JsonNode> get(String url) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(15)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return Optional.of(new ObjectMapper().readTree(response.body()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The project's own ./stack command, as an operator would use it. */
    private static void stack(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("stack").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target/stack-commands.log").toFile())).start();
        assertEquals(0, process.waitFor(), "./stack " + String.join(" ", args));
    }
}
