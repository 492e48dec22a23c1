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
 * SIGKILL both producers in the middle of the data set (no shutdown hook, a micro-batch possibly half sent),
 * start them again on their checkpoints: no file is counted twice or skipped, and every store ends exact. A
 * batch sent again after the crash carries the same running totals and the same plays (same eventIds).
 */
class ProducerCrashTest extends PipelineTestSupport {

    @Test
    void killedProducersContinueFromTheirCheckpoints() throws Exception {
        Pipeline pipeline = pipeline(new LinkedHashSet<>(List.of(PipelineServices.PRODUCER_SONG_COUNTS,
                PipelineServices.PRODUCER_PLAYS, PipelineServices.CASSANDRA_CONNECTOR, PipelineServices.CASSANDRA_FOREACH,
                PipelineServices.ELASTIC_SONG_COUNTS, PipelineServices.ELASTIC_PLAYS)), 1);
        pipeline.start("768m");
        List<ServiceProcess> producers = List.of(pipeline.process(PipelineServices.PRODUCER_SONG_COUNTS),
                pipeline.process(PipelineServices.PRODUCER_PLAYS));

        try (KafkaTopics kafka = new KafkaTopics(stack.kafkaBootstrapServers())) {
            Await.until(Duration.ofMinutes(4), "the song-counts producer to be part-way through its files", () -> {
                FlowSnapshot.ServiceView producer = FlowSnapshot.take(
                        pipeline.processes().stream().map(ServiceProcess::spec).toList(),
                        pipeline.options().endpoints(), kafka).services().get(PipelineServices.PRODUCER_SONG_COUNTS);
                return producer.filesProcessed() > 3 && producer.filesProcessed() < producer.filesTotal() - 3;
            });
        }
        producers.forEach(ServiceProcess::kill);
        producers.forEach(producer -> assertFalse(producer.isRunning(), producer.spec().name() + " was killed"));

        // Started again without --from-scratch: each continues from its checkpoint.
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
