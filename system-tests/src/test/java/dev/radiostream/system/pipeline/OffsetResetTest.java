package dev.radiostream.system.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.radiostream.pipeline.KafkaTopics;
import dev.radiostream.pipeline.Pipeline;
import dev.radiostream.pipeline.PipelineServices;
import dev.radiostream.pipeline.ServiceProcess;
import dev.radiostream.pipeline.SongCountResults;

/**
 * The operator flow: stop a consumer, reset its offsets to the earliest with offset-admin-service, start it
 * again: it re-reads the whole topic and the results stay exact.
 */
class OffsetResetTest extends PipelineTestSupport {

    @Test
    void aResetToEarliestMakesTheConsumerReadEverythingAgain() throws Exception {
        Pipeline pipeline = pipeline(new LinkedHashSet<>(List.of(PipelineServices.PRODUCER_SONG_COUNTS,
                PipelineServices.CASSANDRA_CONNECTOR)), 8);
        pipeline.start("768m");
        awaitFlowed(pipeline);
        ServiceProcess connector = pipeline.process(PipelineServices.CASSANDRA_CONNECTOR);
        connector.stop(java.time.Duration.ofSeconds(30));

        String topic = pipeline.options().endpoints().songCountsTopic();
        Process reset = offsetAdmin(pipeline, "reset", "--consumer", "kafka-to-cassandra-connector", "--topic", topic,
                "--to-earliest", "--execute");
        assertEquals(0, reset.exitValue(), Files.readString(Path.of("target/offset-admin.log")));

        connector.start(ROOT, "768m");
        awaitFlowed(pipeline);

        long recordsInTopic;
        try (KafkaTopics kafka = new KafkaTopics(stack.kafkaBootstrapServers())) {
            recordsInTopic = kafka.endOffsetSum(topic);
        }
        long reread = status(connector)
                .map(s -> s.path("totalInputRows").asLong()).orElse(-1L);
        assertEquals(recordsInTopic, reread, "after the reset the consumer read the whole topic again");
        assertExact(SongCountResults.collect(pipeline.options().endpoints(), "Drake"), false, false);
        assertTrue(SongCountResults.collect(pipeline.options().endpoints(), "Drake").stream()
                .allMatch(song -> song.kafka().equals(song.connector())), "song_counts equals Kafka");
    }

    private static Process offsetAdmin(Pipeline pipeline, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("service").toString(), "offset-admin-service"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(Path.of("target/offset-admin.log").toFile());
        builder.environment().putAll(pipeline.processes().get(0).spec().env());
        Process process = builder.start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "offset-admin did not finish");
        return process;
    }
}
