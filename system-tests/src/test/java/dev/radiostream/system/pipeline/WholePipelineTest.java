package dev.radiostream.system.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.radiostream.pipeline.Pipeline;
import dev.radiostream.pipeline.PipelineServices;
import dev.radiostream.pipeline.PlaysResults;
import dev.radiostream.pipeline.SongCountResults;
import dev.radiostream.system.browser.HeadlessChromium;

/**
 * Every service as its own process: Kafka, both Cassandra tables and Elasticsearch hold the true counts. Where a
 * headless browser is installed, {@link DashboardBrowserTest} makes these checks on its own run of the whole
 * pipeline, and this test is skipped: one whole-pipeline run per suite (each takes about two minutes).
 */
class WholePipelineTest extends PipelineTestSupport {

    @Test
    void everyStoreHoldsTheTrueCountsAndEveryPlay() throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.missing().isPresent(),
                "DashboardBrowserTest runs the whole pipeline and checks every store");
        Pipeline pipeline = pipeline(new LinkedHashSet<>(PipelineServices.ALL), 4);
        pipeline.start("768m");
        awaitFlowed(pipeline);
        assertEveryStoreExact(pipeline);
    }

    /** Kafka, both Cassandra tables and Elasticsearch hold the true Drake counts; the plays index every play. */
    static void assertEveryStoreExact(Pipeline pipeline) throws Exception {
        List<SongCountResults.Song> songs = SongCountResults.collect(pipeline.options().endpoints(), "Drake");
        assertExact(songs, true, true);
        assertTrue(songs.stream().allMatch(SongCountResults.Song::agree));
        assertEquals(PLAYS.playsPerRadio(), PlaysResults.perRadio(pipeline.options().endpoints()), "radio-plays per radio");
    }
}
