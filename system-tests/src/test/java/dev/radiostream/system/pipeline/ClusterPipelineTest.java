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
import dev.radiostream.pipeline.SparkPlacement;
import dev.radiostream.stack.SparkCluster;

/**
 * The whole pipeline with every Spark service as the driver of an application on a real standalone cluster of
 * two workers (./stack's spark-cluster): the same exact results as in local mode.
 */
class ClusterPipelineTest extends PipelineTestSupport {

    @Test
    void everyStoreHoldsTheTrueCountsWhenTheServicesRunOnTwoWorkers() throws Exception {
        SparkCluster cluster = SparkCluster.local().ensureUp();
        assertTrue(cluster.workers() >= 2, "STACK_SPARK_WORKERS must give at least two workers");
        // One executor per service (spread over the workers by the master): twelve executors plus six drivers were
        // too much for a 2-core machine (the data had not flowed after 6 minutes).
        Pipeline pipeline = pipeline(new LinkedHashSet<>(PipelineServices.ALL), 24,
                new SparkPlacement(cluster.masterUrl(), 1));
        pipeline.start("768m");
        // Flowed = every service ready, which on a cluster includes "executors registered".
        awaitFlowed(pipeline);

        SparkCluster.MasterState master = cluster.state();
        assertEquals(cluster.workers(), master.aliveWorkers(), "alive workers");
        List<String> sparkServices = PipelineServices.ALL.stream()
                .filter(name -> !name.equals(PipelineServices.OFFSET_ADMIN)).toList();
        assertTrue(master.runningApps().containsAll(sparkServices),
                "every Spark service is an application of the cluster: " + master.runningApps());

        List<SongCountResults.Song> songs = SongCountResults.collect(pipeline.options().endpoints(), "Drake");
        assertExact(songs, true, true);
        assertTrue(songs.stream().allMatch(SongCountResults.Song::agree));
        assertEquals(PLAYS.playsPerRadio(), PlaysResults.perRadio(pipeline.options().endpoints()), "radio-plays per radio");
    }
}
