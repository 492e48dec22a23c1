package dev.radiostream.system.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.radiostream.testing.Await;
import dev.radiostream.pipeline.FlowSnapshot;
import dev.radiostream.pipeline.KafkaTopics;
import dev.radiostream.pipeline.Pipeline;
import dev.radiostream.pipeline.PipelineServices;
import dev.radiostream.pipeline.ServiceProcess;
import dev.radiostream.pipeline.SongCountResults;

/**
 * SIGKILL the consumers in the middle of the stream (no shutdown hook, offsets not flushed), start them again:
 * they resume from the offsets stored in Cassandra and every store ends exact, nothing counted twice.
 */
class ConsumerCrashTest extends PipelineTestSupport {

    @Test
    void killedConsumersResumeFromTheirStoredOffsets() throws Exception {
        Pipeline pipeline = pipeline(new LinkedHashSet<>(List.of(PipelineServices.PRODUCER_SONG_COUNTS,
                PipelineServices.CASSANDRA_CONNECTOR, PipelineServices.CASSANDRA_FOREACH,
                PipelineServices.ELASTIC_SONG_COUNTS)), 1);
        pipeline.start("768m");
        List<ServiceProcess> consumers = List.of(pipeline.process(PipelineServices.CASSANDRA_CONNECTOR),
                pipeline.process(PipelineServices.CASSANDRA_FOREACH), pipeline.process(PipelineServices.ELASTIC_SONG_COUNTS));

        // Mid-stream: the consumers have stored offsets, and the producer still has files to read.
        try (KafkaTopics kafka = new KafkaTopics(stack.kafkaBootstrapServers())) {
            Await.until(Duration.ofMinutes(4), "the consumers to be part-way through the stream", () -> {
                FlowSnapshot snapshot = FlowSnapshot.take(pipeline.processes().stream().map(ServiceProcess::spec).toList(),
                        pipeline.options().endpoints(), kafka);
                FlowSnapshot.ServiceView producer = snapshot.services().get(PipelineServices.PRODUCER_SONG_COUNTS);
                return producer.filesProcessed() > 3 && producer.filesProcessed() < producer.filesTotal() - 3
                        && consumers.stream().allMatch(c -> snapshot.services().get(c.spec().name()).nextOffsetsSum() > 0);
            });
        }
        consumers.forEach(ServiceProcess::kill);
        assertTrue(consumers.stream().noneMatch(ServiceProcess::isRunning));
        Thread.sleep(3000); // the producer goes on meanwhile

        consumers.forEach(consumer -> consumer.start(ROOT, "768m"));
        awaitFlowed(pipeline);

        assertExact(SongCountResults.collect(pipeline.options().endpoints(), "Drake"), true, true);
    }
}
