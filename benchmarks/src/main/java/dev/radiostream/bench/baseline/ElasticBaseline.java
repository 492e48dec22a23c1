package dev.radiostream.bench.baseline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;

/**
 * Hand-written baseline of kafka-to-elastic-service (song-counts mode): {@link CoalescingConsumer} + the
 * Elasticsearch Java client's bulk API. Each batch's newest totals become upserts (update with doc_as_upsert,
 * document id radio|artist|title, as the service's es.write.operation=upsert), sent in bulk requests of at most
 * {@code --bulk-docs} documents or {@code --bulk-bytes} bytes, {@code --concurrent-bulks} at a time, without
 * refresh. Items refused with 429 (queue full) are sent again; any other refusal fails the program.
 * The index is created with the service's own mapping file (1 shard, 0 replicas, strict mapping).
 */
public final class ElasticBaseline {

    /** The document as the service stores it (the id is not a field). */
    public record Doc(String radio, String artist, String title, long count, String updated_at) {
    }

    private static final int ATTEMPTS = 5;

    private final ElasticsearchAsyncClient client;
    private final String index;
    private final int bulkDocs;
    private final long bulkBytes;
    private final int concurrentBulks;

    ElasticBaseline(ElasticsearchAsyncClient client, String index, int bulkDocs, long bulkBytes, int concurrentBulks) {
        this.client = client;
        this.index = index;
        this.bulkDocs = bulkDocs;
        this.bulkBytes = bulkBytes;
        this.concurrentBulks = concurrentBulks;
    }

    /** Upserts every document; returns when every bulk request has been answered without refusals. */
    void write(Collection<SongCount> rows) throws Exception {
        Semaphore inFlight = new Semaphore(concurrentBulks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        String now = Instant.now().toString();
        List<BulkOperation> bulk = new ArrayList<>(bulkDocs);
        long bytes = 0;
        for (SongCount row : rows) {
            Doc doc = new Doc(row.radio(), row.artist(), row.title(), row.count(), now);
            String id = row.key();
            bulk.add(BulkOperation.of(op -> op.update(u -> u.index(index).id(id)
                    .action(a -> a.doc(doc).docAsUpsert(true)))));
            // Size estimate of the NDJSON lines: ids and fields dominate, plus the fixed JSON skeleton.
            bytes += 2L * id.length() + 120;
            if (bulk.size() >= bulkDocs || bytes >= bulkBytes) {
                submit(bulk, inFlight, failure);
                bulk = new ArrayList<>(bulkDocs);
                bytes = 0;
            }
            if (failure.get() != null) {
                break;
            }
        }
        if (!bulk.isEmpty() && failure.get() == null) {
            submit(bulk, inFlight, failure);
        }
        inFlight.acquire(concurrentBulks); // every bulk has been answered
        inFlight.release(concurrentBulks);
        if (failure.get() != null) {
            throw new IllegalStateException("bulk indexing failed: " + failure.get(), failure.get());
        }
    }

    private void submit(List<BulkOperation> operations, Semaphore inFlight, AtomicReference<Throwable> failure)
            throws InterruptedException {
        inFlight.acquire();
        send(operations, 1).whenComplete((ok, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
            inFlight.release();
        });
    }

    /** One bulk request; the items refused with 429 go again (with a short pause), up to {@value #ATTEMPTS} times. */
    private CompletableFuture<Void> send(List<BulkOperation> operations, int attempt) {
        return client.bulk(BulkRequest.of(b -> b.operations(operations))).thenCompose((BulkResponse response) -> {
            if (!response.errors()) {
                return CompletableFuture.completedFuture(null);
            }
            List<BulkOperation> again = new ArrayList<>();
            List<BulkResponseItem> items = response.items();
            for (int i = 0; i < items.size(); i++) {
                BulkResponseItem item = items.get(i);
                if (item.error() == null) {
                    continue;
                }
                if (item.status() == 429 && attempt < ATTEMPTS) {
                    again.add(operations.get(i));
                } else {
                    return CompletableFuture.failedFuture(new IllegalStateException("document " + item.id()
                            + " refused: " + item.status() + " " + item.error().reason()));
                }
            }
            return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(200L * attempt,
                    java.util.concurrent.TimeUnit.MILLISECONDS)).thenCompose(v -> send(again, attempt + 1));
        });
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
     *      --elasticsearch http://H:P --index I --mapping path/song-counts.json [--bulk-docs 5000]
     *      [--bulk-bytes 5242880] [--concurrent-bulks 2] [--max-batch-records 0] [--port 8091]
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
            ElasticBaseline sink = new ElasticBaseline(client, index, args.integer("bulk-docs", 5000),
                    args.number("bulk-bytes", 5L * 1024 * 1024), args.integer("concurrent-bulks", 2));
            CoalescingConsumer consumer = new CoalescingConsumer(args.get("bootstrap-servers"), args.get("group"),
                    args.get("topic"), args.number("max-batch-records", 0), sink::write);
            BaselineRunner.run(consumer::run, consumer::stop, consumer::status, args.integer("port", 8091));
        }
    }
}
