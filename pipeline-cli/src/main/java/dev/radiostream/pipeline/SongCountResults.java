package dev.radiostream.pipeline;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.querybuilder.QueryBuilder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The count of every song as each store has it: the last total in Kafka, the two Cassandra tables (connector
 * and foreach-writer styles) and Elasticsearch, side by side.
 */
public final class SongCountResults {

    /** One song in every store; null where a store does not have it. */
    public record Song(String radio, String artist, String title, Long kafka, Long connector, Long foreach, Long elastic) {
        public boolean agree() {
            return kafka != null && kafka.equals(connector) && kafka.equals(foreach) && kafka.equals(elastic);
        }
    }

    private SongCountResults() {
    }

    /** Every song of the artist (null: every artist) found in any store, sorted by radio then title. */
    public static List<Song> collect(Endpoints endpoints, String artist) {
        Map<String, Long> kafka = new TreeMap<>();
        try (KafkaTopics topics = new KafkaTopics(endpoints.kafka(), endpoints.security().kafka())) {
            topics.lastValuePerKey(endpoints.songCountsTopic()).forEach((key, value) -> {
                try {
                    kafka.put(key, Http.JSON.readTree(value).path("count").asLong());
                } catch (Exception e) {
                    // not a song count: the consumers dead-letter it, it has no count to compare
                }
            });
        }
        Map<String, Long> connector;
        Map<String, Long> foreach;
        try (CqlSession session = cassandra(endpoints)) {
            connector = table(session, endpoints.keyspace(), "song_counts");
            foreach = table(session, endpoints.keyspace(), "song_counts_foreach");
        }
        Map<String, Long> elastic = elasticsearch(endpoints);

        TreeSet<String> keys = new TreeSet<>();
        List.of(kafka, connector, foreach, elastic).forEach(m -> keys.addAll(m.keySet()));
        List<Song> songs = new ArrayList<>();
        for (String key : keys) {
            String[] parts = key.split("\\|", 3);
            if (parts.length == 3 && (artist == null || artist.equals(parts[1]))) {
                songs.add(new Song(parts[0], parts[1], parts[2], kafka.get(key), connector.get(key), foreach.get(key),
                        elastic.get(key)));
            }
        }
        return songs;
    }

    /** Prints the table (at most {@code limit} rows, disagreements first) and a summary line. */
    public static void print(List<Song> songs, int limit, PrintStream out) {
        List<Song> shown = new ArrayList<>(songs.stream().filter(s -> !s.agree()).toList());
        songs.stream().filter(Song::agree).forEach(shown::add);
        int titleWidth = Math.min(40, Math.max(5, shown.stream().limit(limit).mapToInt(s -> label(s).length()).max().orElse(5)));
        String format = "%-8s %-" + titleWidth + "s %8s %12s %20s %14s  %s%n";
        out.printf(format, "radio", "song", "kafka", "song_counts", "song_counts_foreach", "elasticsearch", "");
        for (Song song : shown.stream().limit(limit).toList()) {
            String label = label(song);
            out.printf(format, song.radio(), label.length() > titleWidth ? label.substring(0, titleWidth - 1) + "…" : label,
                    text(song.kafka()), text(song.connector()), text(song.foreach()), text(song.elastic()),
                    song.agree() ? "ok" : "DIFFERENT");
        }
        if (songs.size() > limit) {
            out.printf("… %d more songs not shown%n", songs.size() - limit);
        }
        long different = songs.stream().filter(s -> !s.agree()).count();
        long plays = songs.stream().map(Song::kafka).filter(Objects::nonNull).mapToLong(Long::longValue).sum();
        out.printf("%d songs, %,d plays: %s%n", songs.size(), plays,
                different == 0 ? "all four stores agree" : different + " songs differ between the stores");
    }

    private static String label(Song song) {
        return song.artist() + " - " + song.title();
    }

    private static String text(Long value) {
        return value == null ? "-" : Long.toString(value);
    }

    public static CqlSession cassandra(Endpoints endpoints) {
        String[] hostPort = endpoints.cassandra().split(",")[0].trim().split(":");
        return endpoints.security().cassandra(CqlSession.builder())
                .addContactPoint(new InetSocketAddress(hostPort[0], hostPort.length > 1 ? Integer.parseInt(hostPort[1]) : 9042))
                .withLocalDatacenter("datacenter1").build();
    }

    private static Map<String, Long> table(CqlSession session, String keyspace, String table) {
        Map<String, Long> rows = new TreeMap<>();
        boolean exists = session.getMetadata().getKeyspace(keyspace).flatMap(k -> k.getTable(table)).isPresent();
        if (exists) {
            session.execute(QueryBuilder.selectFrom(CqlIdentifier.fromInternal(keyspace), CqlIdentifier.fromInternal(table))
                            .columns("radio", "artist", "title", "count").build())
                    .forEach(r -> rows.put(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2), r.getLong(3)));
        }
        return rows;
    }

    private static Map<String, Long> elasticsearch(Endpoints endpoints) {
        Map<String, Long> docs = new TreeMap<>();
        Http.post(endpoints.elasticsearch() + "/" + endpoints.songCountsIndex() + "/_search",
                "{\"size\":10000,\"query\":{\"match_all\":{}}}").ifPresent(body -> {
            for (JsonNode hit : body.path("hits").path("hits")) {
                JsonNode doc = hit.path("_source");
                docs.put(doc.path("radio").asText() + "|" + doc.path("artist").asText() + "|" + doc.path("title").asText(),
                        doc.path("count").asLong());
            }
        });
        return docs;
    }
}
