package dev.radiostream.system.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.radiostream.testing.Await;
import dev.radiostream.pipeline.FlowSnapshot;
import dev.radiostream.pipeline.KafkaTopics;
import dev.radiostream.pipeline.Pipeline;
import dev.radiostream.pipeline.PipelineServices;
import dev.radiostream.pipeline.PlaysResults;
import dev.radiostream.pipeline.ServiceProcess;
import dev.radiostream.pipeline.ServiceSpec;
import dev.radiostream.pipeline.SongCountResults;

/**
 * SIGKILL (no shutdown hook) every consumer in the middle of the stream, offsets not flushed, while the producers go
 * on; then both producers, a micro-batch possibly half sent. Started again, the consumers resume from the offsets
 * stored in Cassandra and the producers from their checkpoints: no file counted twice or skipped, nothing counted
 * twice, and every store ends exact. A batch sent again after the crash carries the same running totals and the same
 * plays (same eventIds). Both crashes in one run of the pipeline: one run costs minutes on 2 cores.
 */
class CrashRecoveryTest extends PipelineTestSupport {

    @Test
    void killedConsumersAndProducersResumeWhereTheyStopped() throws Exception {
        Pipeline pipeline = pipeline(new LinkedHashSet<>(List.of(PipelineServices.PRODUCER_SONG_COUNTS,
                PipelineServices.PRODUCER_PLAYS, PipelineServices.CASSANDRA_CONNECTOR, PipelineServices.CASSANDRA_FOREACH,
                PipelineServices.ELASTIC_SONG_COUNTS, PipelineServices.ELASTIC_PLAYS)), 1);
        List<ServiceProcess> producers = List.of(pipeline.process(PipelineServices.PRODUCER_SONG_COUNTS),
                pipeline.process(PipelineServices.PRODUCER_PLAYS));
        List<ServiceProcess> consumers = List.of(pipeline.process(PipelineServices.CASSANDRA_CONNECTOR),
                pipeline.process(PipelineServices.CASSANDRA_FOREACH), pipeline.process(PipelineServices.ELASTIC_SONG_COUNTS),
                pipeline.process(PipelineServices.ELASTIC_PLAYS));
        startConsumersBeforeProducers(pipeline, "768m");

        // Mid-stream: the song-count consumers have stored offsets, and the song-counts producer still has files to
        // read. (The plays arrive in a few large batches: waiting for their consumer's offsets as well cost minutes.)
        List<ServiceProcess> songCountConsumers = consumers.subList(0, 3);
        try (KafkaTopics kafka = new KafkaTopics(stack.kafkaBootstrapServers())) {
            Await.until(Duration.ofMinutes(4), "the consumers to be part-way through the stream", () -> {
                FlowSnapshot snapshot = FlowSnapshot.take(pipeline.processes().stream().map(ServiceProcess::spec).toList(),
                        pipeline.options().endpoints(), kafka);
                FlowSnapshot.ServiceView producer = snapshot.services().get(PipelineServices.PRODUCER_SONG_COUNTS);
                return producer.filesProcessed() > 3 && producer.filesProcessed() < producer.filesTotal() - 3
                        && songCountConsumers.stream().allMatch(c -> snapshot.services().get(c.spec().name()).nextOffsetsSum() > 0);
            });
        }
        consumers.forEach(ServiceProcess::kill);
        consumers.forEach(consumer -> assertFalse(consumer.isRunning(), consumer.spec().name() + " was killed"));
        Thread.sleep(3000); // the producers go on meanwhile
        producers.forEach(ServiceProcess::kill);
        producers.forEach(producer -> assertFalse(producer.isRunning(), producer.spec().name() + " was killed"));

        consumers.forEach(consumer -> consumer.start(ROOT, "768m"));
        // Started again without --from-scratch: each producer continues from its checkpoint.
        for (ServiceProcess producer : producers) {
            ServiceSpec spec = producer.spec();
            List<String> resumeArgs = spec.args().stream().filter(arg -> !arg.equals("--from-scratch")).toList();
            new ServiceProcess(new ServiceSpec(spec.name(), spec.module(), spec.port(), resumeArgs, spec.env()),
                    pipeline.options().runDir()).start(ROOT, "768m");
        }
        awaitFlowed(pipeline);

        assertExact(SongCountResults.collect(pipeline.options().endpoints(), "Drake"), true, true);
        assertEquals(PLAYS.playsPerRadio(), PlaysResults.perRadio(pipeline.options().endpoints()), "radio-plays per radio");
    }
}
