package dev.radiostream.offsetadmin.dashboard;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.radiostream.core.cassandra.CassandraSchema;
import dev.radiostream.core.cassandra.CassandraSessions;
import dev.radiostream.core.cassandra.PreparedOnFirstUse;
import dev.radiostream.core.elasticsearch.ElasticsearchClient;
import dev.radiostream.core.elasticsearch.ElasticsearchSettings;
import dev.radiostream.core.offsets.RejectedRecord;
import dev.radiostream.core.offsets.RejectedRecordStore;

/** What the pipeline has written, as the dashboard shows it: top songs (Cassandra), plays per day (Elasticsearch), dead letters. */
@ApplicationScoped
public class StoreViews {

    /** A song of a radio with its newest total. */
    public record Song(String radio, String artist, String title, long count) {
    }

    /** Dead letters: how many per consumer and reason, and the latest few with their reasons. */
    public record DeadLetters(Map<String, Map<String, Long>> countsByConsumerAndReason, List<DeadLetter> latest) {
    }

    /** One dead letter: where it was in Kafka, why it was refused, the start of its value. */
    public record DeadLetter(String consumer, String topic, int partition, long offset, String reason, int valueBytes,
            String valueStart) {
    }

    private static final int VALUE_START_CHARS = 120;

    private final CassandraSessions sessions;
    private final DashboardSettings settings;
    private final ElasticsearchClient elasticsearch;
    private final ObjectMapper json;
    private final PreparedOnFirstUse<RejectedRecordStore> rejected;

    public StoreViews(CassandraSessions sessions, DashboardSettings settings, ElasticsearchSettings elasticsearch,
            ObjectMapper json) {
        this.sessions = sessions;
        this.settings = settings;
        this.elasticsearch = new ElasticsearchClient(elasticsearch);
        this.json = json;
        this.rejected = new PreparedOnFirstUse<>(() -> new RejectedRecordStore(sessions.session(), sessions.keyspace()));
    }

    /** The songs with the highest totals per radio; empty while the table does not exist yet. */
    public Map<String, List<Song>> topSongs() {
        CqlIdentifier keyspace = CassandraSchema.identifier(sessions.keyspace());
        CqlIdentifier table = CassandraSchema.identifier(settings.songCountsTable());
        boolean exists = sessions.session().getMetadata().getKeyspace(keyspace).flatMap(k -> k.getTable(table)).isPresent();
        Map<String, List<Song>> perRadio = new TreeMap<>();
        if (!exists) {
            return perRadio;
        }
        for (Row row : sessions.session().execute(selectFrom(keyspace, table).columns("radio", "artist", "title", "count").build())) {
            perRadio.computeIfAbsent(row.getString("radio"), r -> new ArrayList<>())
                    .add(new Song(row.getString("radio"), row.getString("artist"), row.getString("title"), row.getLong("count")));
        }
        perRadio.replaceAll((radio, songs) -> songs.stream()
                .sorted(Comparator.comparingLong(Song::count).reversed().thenComparing(Song::title))
                .limit(settings.topSongsPerRadio()).toList());
        return perRadio;
    }

    /** Plays per radio and day (UTC) in the plays index, one series per radio; empty while the index does not exist. */
    public List<Series> playsPerDay() throws Exception {
        String query = """
                {"size":0,"aggs":{"radios":{"terms":{"field":"radio","size":100},"aggs":{"days":{"date_histogram":
                {"field":"timestamp","calendar_interval":"day","min_doc_count":1,"time_zone":"UTC"}}}}}}""";
        HttpResponse<String> response = elasticsearch.send(elasticsearch.request("/" + settings.playsIndex() + "/_search")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(query)));
        if (response.statusCode() == 404) {
            return List.of();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Elasticsearch answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(200, response.body().length())));
        }
        List<Series> series = new ArrayList<>();
        for (JsonNode radio : json.readTree(response.body()).path("aggregations").path("radios").path("buckets")) {
            List<double[]> points = new ArrayList<>();
            for (JsonNode day : radio.path("days").path("buckets")) {
                points.add(new double[] { day.path("key").asDouble(), day.path("doc_count").asDouble() });
            }
            series.add(new Series(radio.path("key").asText(), points));
        }
        return series;
    }

    /** The dead letters of these consumers. */
    public DeadLetters deadLetters(Set<String> consumers) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        List<DeadLetter> all = new ArrayList<>();
        for (String consumer : new TreeSet<>(consumers)) {
            for (RejectedRecord record : rejected.get().list(consumer)) {
                counts.computeIfAbsent(consumer, c -> new LinkedHashMap<>()).merge(record.reason(), 1L, Long::sum);
                all.add(new DeadLetter(consumer, record.topic(), record.partition(), record.offset(), record.reason(),
                        record.valueBytes(), start(record.rawValue())));
            }
        }
        // The newest are the highest offsets; keep the list short, the counts cover the rest.
        List<DeadLetter> latest = all.stream().sorted(Comparator.comparingLong(DeadLetter::offset).reversed())
                .limit(settings.deadLetters()).toList();
        return new DeadLetters(counts, latest);
    }

    private static String start(String value) {
        if (value == null) {
            return null;
        }
        return value.length() <= VALUE_START_CHARS ? value : value.substring(0, VALUE_START_CHARS) + "…";
    }
}
