package dev.radiostream.system.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.radiostream.pipeline.Pipeline;
import dev.radiostream.pipeline.PipelineServices;
import dev.radiostream.pipeline.PlaysResults;
import dev.radiostream.pipeline.SongCountResults;

/** Every service as its own process: Kafka, both Cassandra tables and Elasticsearch hold the true counts. */
class WholePipelineTest extends PipelineTestSupport {

    @Test
    void everyStoreHoldsTheTrueCountsAndEveryPlay() throws Exception {
        Pipeline pipeline = pipeline(new LinkedHashSet<>(PipelineServices.ALL), 4);
        pipeline.start("768m");
        awaitFlowed(pipeline);

        List<SongCountResults.Song> songs = SongCountResults.collect(pipeline.options().endpoints(), "Drake");
        assertExact(songs, true, true);
        assertTrue(songs.stream().allMatch(SongCountResults.Song::agree));
        assertEquals(PLAYS.playsPerRadio(), PlaysResults.perRadio(pipeline.options().endpoints()), "radio-plays per radio");
    }
}
