package dev.radiostream.system.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import dev.radiostream.core.model.SongCount;
import dev.radiostream.testing.Await;
import dev.radiostream.testing.KafkaTestClient;
import dev.radiostream.pipeline.Endpoints;
import dev.radiostream.pipeline.KafkaTopics;
import dev.radiostream.pipeline.Pipeline;
import dev.radiostream.pipeline.PipelineServices;
import dev.radiostream.pipeline.ServiceProcess;
import dev.radiostream.pipeline.SongCountResults;

/**
 * A server goes away in the middle of the stream: the services that need it report readiness DOWN naming it,
 * retry by themselves, and once it is back every count ends exact, nothing lost, nothing counted twice.
 */
class ServerOutageTest extends PipelineTestSupport {

    /**
     * Both outages in one run of the pipeline (one run costs minutes on 2 cores): Kafka while the producer is
     * part-way through its files, then Cassandra while the consumers write.
     */
    @Test
    void producerAndConsumersReportKafkaThenCassandraOutagesAndRecoverByThemselves() throws Exception {
        Pipeline pipeline = pipeline(new LinkedHashSet<>(List.of(PipelineServices.PRODUCER_SONG_COUNTS,
                PipelineServices.CASSANDRA_CONNECTOR, PipelineServices.CASSANDRA_FOREACH)), 1);
        pipeline.start("768m");
        ServiceProcess producer = pipeline.process(PipelineServices.PRODUCER_SONG_COUNTS);
        ServiceProcess connector = pipeline.process(PipelineServices.CASSANDRA_CONNECTOR);
        Await.until(Duration.ofMinutes(3), "the producer to be ready and part-way through its files",
                () -> ready(producer) && status(producer).map(s -> s.path("filesProcessed").asLong()).orElse(0L) > 3);

        stack("down", "kafka");
        try {
            Await.until(Duration.ofMinutes(2), "the producer's readiness DOWN naming Kafka", () -> readiness(producer)
                    .map(h -> "DOWN".equals(h.path("status").asText()) && h.toString().contains("\"kafka\":\"DOWN"))
                    .orElse(false));
        } finally {
            stack("up", "kafka");
        }
        Await.until(Duration.ofMinutes(3), "the producer to be ready again", () -> ready(producer));
        Await.until(Duration.ofMinutes(3), "the connector consumer to be ready and writing",
                () -> ready(connector) && status(connector).map(s -> s.path("totalInputRows").asLong()).orElse(0L) > 0);

        stack("down", "cassandra");
        try {
            Await.until(Duration.ofMinutes(2), "readiness DOWN naming Cassandra", () -> readiness(connector)
                    .map(h -> "DOWN".equals(h.path("status").asText()) && h.toString().contains("cassandra")
                            && h.toString().contains("DOWN 127.0.0.1")).orElse(false));
        } finally {
            stack("up", "cassandra");
        }
        Await.until(Duration.ofMinutes(3), "the consumer to be ready again", () -> ready(connector));
        awaitFlowed(pipeline);

        assertExact(SongCountResults.collect(pipeline.options().endpoints(), "Drake"), true, false);
    }

    /**
     * The offsets of batches written while Cassandra (which holds them) is down are not dropped: once Cassandra
     * is back they are stored within 30 s, though no further record arrives to trigger a batch.
     */
    @Test
    void offsetsOfBatchesWrittenDuringACassandraOutageAreStoredOnceItIsBack() throws Exception {
        Pipeline pipeline = pipeline(new LinkedHashSet<>(List.of(PipelineServices.ELASTIC_SONG_COUNTS)), 1);
        pipeline.start("768m");
        ServiceProcess elastic = pipeline.process(PipelineServices.ELASTIC_SONG_COUNTS);
        Endpoints endpoints = pipeline.options().endpoints();
        KafkaTestClient kafka = new KafkaTestClient(endpoints.kafka());
        Await.until(Duration.ofMinutes(3), "the consumer to be ready", () -> ready(elastic));
        kafka.sendSongCounts(endpoints.songCountsTopic(), songs("before", 5));
        Await.until(Duration.ofMinutes(2), "the first records' offsets to be stored",
                () -> storedOffsetSum(elastic) == endOffsetSum(endpoints));

        stack("down", "cassandra");
        try {
            kafka.sendSongCounts(endpoints.songCountsTopic(), songs("during", 5));
            Await.until(Duration.ofMinutes(2), "the records to be indexed while Cassandra is down",
                    () -> status(elastic).map(s -> s.path("documentsIndexed").asLong()).orElse(0L) >= 10);
            Await.until(Duration.ofMinutes(1), "/status to show the batch's offsets pending",
                    () -> status(elastic).map(s -> s.path("offsetsPending").has("pendingSince")).orElse(false));
        } finally {
            stack("up", "cassandra");
        }
        Await.until(Duration.ofSeconds(30), "the pending offsets stored within 30 s of Cassandra's return",
                () -> storedOffsetSum(elastic) == endOffsetSum(endpoints)
                        && status(elastic).map(s -> s.path("offsetsPending").isEmpty()).orElse(false));
        try (CqlSession session = SongCountResults.cassandra(endpoints)) {
            String consumer = status(elastic).orElseThrow().path("consumer").asText();
            long stored = 0;
            for (var row : session.execute(SimpleStatement.newInstance(
                    "SELECT next_offset FROM " + CqlIdentifier.fromInternal(endpoints.keyspace()).asCql(true)
                            + ".kafka_offsets WHERE consumer = ?", consumer))) {
                stored += row.getLong(0);
            }
            assertEquals(endOffsetSum(endpoints), stored, "the offsets table holds the topic's end offsets");
        }
    }

    private static List<SongCount> songs(String prefix, int n) {
        List<SongCount> songs = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            songs.add(new SongCount("nova", "Drake", prefix + " " + i, i + 1));
        }
        return songs;
    }

    private static long storedOffsetSum(ServiceProcess service) {
        return status(service).map(s -> {
            long sum = 0;
            for (JsonNode offset : s.path("nextOffsets")) {
                sum += offset.asLong();
            }
            return sum;
        }).orElse(-1L);
    }

    private static long endOffsetSum(Endpoints endpoints) {
        try (KafkaTopics topics = new KafkaTopics(endpoints.kafka())) {
            return topics.endOffsetSum(endpoints.songCountsTopic());
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
