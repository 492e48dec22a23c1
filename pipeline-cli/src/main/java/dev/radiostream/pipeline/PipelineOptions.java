package dev.radiostream.pipeline;

import java.nio.file.Path;
import java.util.Set;

/**
 * What a pipeline run does.
 *
 * @param artist          the artist counted (ignored with allArtists)
 * @param filesPerTrigger Parquet files per micro-batch of the song-counts producer
 * @param services        the process names to start (see {@link PipelineServices#ALL})
 * @param songCountsSource the partitioned radio-plays data set
 * @param playsSource     broadcast.parquet
 * @param runDir          logs, pid files and producer checkpoints
 * @param spark           local mode or a Spark cluster, for every Spark service
 */
public record PipelineOptions(String artist, boolean allArtists, int filesPerTrigger, Set<String> services,
        Path songCountsSource, Path playsSource, Path runDir, Endpoints endpoints, int portOffset, SparkPlacement spark) {

    /** Spark in local mode. */
    public PipelineOptions(String artist, boolean allArtists, int filesPerTrigger, Set<String> services,
            Path songCountsSource, Path playsSource, Path runDir, Endpoints endpoints, int portOffset) {
        this(artist, allArtists, filesPerTrigger, services, songCountsSource, playsSource, runDir, endpoints, portOffset,
                SparkPlacement.LOCAL);
    }

    /** The same run on another Spark placement. */
    public PipelineOptions on(SparkPlacement placement) {
        return new PipelineOptions(artist, allArtists, filesPerTrigger, services, songCountsSource, playsSource, runDir,
                endpoints, portOffset, placement);
    }
}
