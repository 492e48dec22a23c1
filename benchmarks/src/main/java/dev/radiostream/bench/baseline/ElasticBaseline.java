package dev.radiostream.bench.baseline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;

import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;

/**
 * Hand-written baselines of kafka-to-elastic-service: {@link BatchConsumer} + the Elasticsearch Java client's
 * bulk API ({@link BulkIndexer}), in the service's two modes.
 * <ul>
 * <li>{@code --mode song-counts}: each batch's highest totals ({@link NewestPerKey}) are indexed, document id
 * radio|artist|title, the total as the external_gte version (as the service does).</li>
 * <li>{@code --mode plays}: every valid play is indexed, no coalescing: op index, document id = eventId (as
 * the service's plays mode), the document the play itself. Full bulk requests go out while the batch is read;
 * the batch's offsets are committed once every request of it has been answered.</li>
 * </ul>
 * The index is created with the service's own mapping file (1 shard, 0 replicas, strict mapping).
 */
public final class ElasticBaseline {

    /** The song-counts document as the service stores it (the id is not a field). */
    public record Doc(String radio, String artist, String title, long count, String updated_at) {
    }

    private final BulkIndexer indexer;
    private final String index;

    ElasticBaseline(BulkIndexer indexer, String index) {
        this.indexer = indexer;
        this.index = index;
    }

    /** song-counts mode: indexes every row; returns when every bulk request has been answered without refusals. */
    void write(Collection<SongCount> rows) throws Exception {
        String now = Instant.now().toString();
        for (SongCount row : rows) {
            Doc doc = new Doc(row.radio(), row.artist(), row.title(), row.count(), now);
            String id = row.key();
            // Size estimate of the NDJSON lines: ids and fields dominate, plus the fixed JSON skeleton.
            indexer.add(BulkOperation.of(op -> op.index(i -> i.index(index).id(id).document(doc)
                    .version(row.count()).versionType(VersionType.ExternalGte))), 2L * id.length() + 120);
        }
        indexer.flush();
    }

    /** plays mode: every valid play is indexed as it is read; {@link #finish()} waits for the batch's acks. */
    final class Plays implements BatchConsumer.Batch {
        private final long maxFutureSkewMillis;
        private long added;

        Plays(long maxFutureSkewMillis) {
            this.maxFutureSkewMillis = maxFutureSkewMillis;
        }

        @Override
        public boolean add(byte[] value) throws InterruptedException {
            PlayEvent play = PlayEvent.parseValid(value, System.currentTimeMillis(), maxFutureSkewMillis);
            if (play == null) {
                return false;
            }
            indexer.add(BulkOperation.of(op -> op.index(i -> i.index(index).id(play.eventId()).document(play))),
                    value.length + play.eventId().length() + 60L);
            added++;
            return true;
        }

        @Override
        public long finish() throws InterruptedException {
            indexer.flush();
            long rows = added;
            added = 0;
            return rows;
        }
    }

    static void createIndex(RestClient rest, String index, Path mapping) throws IOException {
        Request request = new Request("PUT", "/" + index);
        request.setJsonEntity(Files.readString(mapping));
        try {
            rest.performRequest(request);
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() != 400 || !e.getMessage().contains("resource_already_exists")) {
                throw e;
            }
        }
    }

    /**
     * <pre>
     * java -cp ... dev.radiostream.bench.baseline.ElasticBaseline --bootstrap-servers H:P --topic T --group G
     *      --elasticsearch http://H:P --index I --mapping path/song-counts.json [--mode song-counts|plays]
     *      [--bulk-docs 5000] [--bulk-bytes 5242880] [--concurrent-bulks 2] [--max-batch-records 0]
     *      [--max-future-skew-ms 86400000] [--port 8091]
     * </pre>
     */
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        try (RestClient rest = RestClient.builder(HttpHost.create(args.get("elasticsearch")))
                .setHttpClientConfigCallback(http -> http.setMaxConnTotal(32).setMaxConnPerRoute(32))
                .setRequestConfigCallback(request -> request.setSocketTimeout(60_000))
                .build()) {
            String index = args.get("index");
            createIndex(rest, index, Path.of(args.get("mapping")));
            ElasticsearchAsyncClient client = new ElasticsearchAsyncClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
            ElasticBaseline sink = new ElasticBaseline(new BulkIndexer(client, args.integer("bulk-docs", 5000),
                    args.number("bulk-bytes", 5L * 1024 * 1024), args.integer("concurrent-bulks", 2)), index);
            String mode = args.get("mode", "song-counts");
            BatchConsumer.Batch batch = switch (mode) {
                case "song-counts" -> new NewestPerKey(sink::write);
                case "plays" -> sink.new Plays(args.number("max-future-skew-ms", PlayEvent.DEFAULT_MAX_FUTURE_SKEW_MILLIS));
                default -> throw new IllegalArgumentException("--mode takes song-counts or plays, not " + mode);
            };
            new BatchConsumer(args.get("bootstrap-servers"), args.get("group"), args.get("topic"),
                    args.number("max-batch-records", 0), batch).serve(args.integer("port", 8091));
        }
    }
}
