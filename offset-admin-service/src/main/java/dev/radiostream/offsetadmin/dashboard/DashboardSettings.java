package dev.radiostream.offsetadmin.dashboard;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The dashboard at / of {@code serve} (prefix dashboard.*, environment DASHBOARD_*). It only reads: the other
 * services' health and /status endpoints, the offsets, the song counts and dead letters in Cassandra, the plays
 * in Elasticsearch.
 */
@ConfigMapping(prefix = "dashboard")
public interface DashboardSettings {

    /**
     * The services watched, each {@code name=base URL} (comma-separated; environment DASHBOARD_SERVICES). Their
     * {@code /q/health/ready} and {@code /status} are asked every poll interval. The defaults are the demo's ports.
     */
    @WithDefault("producer-song-counts=http://127.0.0.1:8081,producer-plays=http://127.0.0.1:8085,"
            + "kafka-to-cassandra-connector=http://127.0.0.1:8082,kafka-to-cassandra-foreach-writer=http://127.0.0.1:8086,"
            + "kafka-to-elastic-song-counts=http://127.0.0.1:8083,kafka-to-elastic-plays=http://127.0.0.1:8087")
    List<WatchedService> services();

    /** How often the services and the lag are sampled (the page polls as often). */
    @WithDefault("2s")
    Duration pollInterval();

    /** How much of the sampled records per second and lag the charts show. */
    @WithDefault("10m")
    Duration history();

    /** Timeout of one request to a watched service: one hanging service must not hold the others' tiles. */
    @WithDefault("3s")
    Duration requestTimeout();

    /** The Cassandra table of song counts shown as top songs (kafka-to-cassandra's connector table). */
    @WithDefault("song_counts")
    String songCountsTable();

    /** Songs shown per radio. */
    @WithDefault("10")
    int topSongsPerRadio();

    /** The Elasticsearch index of plays counted per radio and day. */
    @WithDefault("radio-plays")
    String playsIndex();

    /** Dead letters listed (the counts per reason cover all of them). */
    @WithDefault("20")
    int deadLetters();
}
