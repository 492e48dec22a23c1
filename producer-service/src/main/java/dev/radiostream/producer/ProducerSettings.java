package dev.radiostream.producer;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of producer-service (prefix producer.*, environment PRODUCER_*; the command line overrides both). */
@ConfigMapping(prefix = "producer")
public interface ProducerSettings {

    enum Mode { SONG_COUNTS, PLAYS }

    /** Defaults the help of run --mode and --artist shows too. */
    String DEFAULT_MODE = "song-counts";
    String DEFAULT_ARTIST = "Drake";

    /** song-counts: running totals per (radio, artist, title); plays: every broadcast event. */
    @WithDefault(DEFAULT_MODE)
    Mode mode();

    /** The partitioned radio-plays data set (radio=/year=/month=/day=) read in song-counts mode. */
    @WithDefault("data/allRadioPartitionByRadioAndDate.parquet")
    String sourcePath();

    /** broadcast.parquet, read in plays mode. */
    @WithDefault("data/broadcast.parquet")
    String playsSourcePath();

    /** The artist whose plays are counted. */
    @WithDefault(DEFAULT_ARTIST)
    String artist();

    /** Count the plays of every artist instead of one. */
    @WithDefault("false")
    boolean allArtists();

    /** Files read per micro-batch: small values emulate a live feed, large ones go fast. */
    @WithDefault("500")
    int filesPerTrigger();

    @WithDefault("song-counts")
    String topic();

    @WithDefault("radio-plays")
    String playsTopic();

    @WithDefault("3")
    int topicPartitions();

    /** Durable checkpoint: a restart continues where the query stopped. Defaults to .run/checkpoints/producer-MODE. */
    Optional<String> checkpointDir();

    /** Delete the checkpoint before starting: count everything again from the first file. */
    @WithDefault("false")
    boolean fromScratch();

    default String checkpointDirOrDefault() {
        return checkpointDir().orElse(".run/checkpoints/producer-" + mode().name().toLowerCase().replace('_', '-'));
    }
}
