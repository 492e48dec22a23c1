package dev.radiostream.toelastic;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of kafka-to-elastic-service (prefix kafka-to-elastic.*, environment KAFKA_TO_ELASTIC_*). */
@ConfigMapping(prefix = "kafka-to-elastic")
public interface ElasticSinkSettings {

    enum Mode { SONG_COUNTS, PLAYS }

    /** The defaults the help of run shows too: the mode, and the topic and index of each mode. */
    String DEFAULT_MODE = "song-counts";
    String SONG_COUNTS_DEFAULT_NAME = "song-counts";
    String PLAYS_DEFAULT_NAME = "radio-plays";

    /** song-counts: the running totals of the song-counts topic; plays: every play of the radio-plays topic. */
    @WithDefault(DEFAULT_MODE)
    Mode mode();

    /** Topic to read; default song-counts or radio-plays, after the mode. */
    Optional<String> topic();

    /** Index to write; default song-counts or radio-plays, after the mode. */
    Optional<String> index();

    /**
     * Plays mode: the event-time watermark's delay, how far behind the newest event time seen a play may arrive
     * before it counts as late (/status latePlays, consumer_plays_late_total). Late plays are indexed all the
     * same: the watermark keeps no state, it measures disorder. The default covers the data set: radio-plays
     * replays a year of broadcasts in file order, not in time order, so a play may follow plays up to a year
     * newer; a live feed would use minutes (10m).
     */
    @WithDefault("400d")
    Duration watermarkDelay();

    /**
     * Plays mode: a play stamped further than this in the future is rejected as malformed. One absurd
     * timestamp would otherwise push the watermark ahead and make every later play late.
     */
    @WithDefault("1d")
    Duration maxFutureSkew();

    default String modeName() {
        return mode() == Mode.PLAYS ? "plays" : "song-counts";
    }

    default String topicName() {
        return topic().orElse(mode() == Mode.PLAYS ? PLAYS_DEFAULT_NAME : SONG_COUNTS_DEFAULT_NAME);
    }

    default String indexName() {
        return index().orElse(mode() == Mode.PLAYS ? PLAYS_DEFAULT_NAME : SONG_COUNTS_DEFAULT_NAME);
    }
}
