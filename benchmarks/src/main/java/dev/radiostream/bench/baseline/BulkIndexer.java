package dev.radiostream.bench.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;

/**
 * The Elasticsearch baselines' writer: operations are collected into bulk requests of at most {@code bulkDocs}
 * documents or {@code bulkBytes} bytes; a full request is sent at once, at most {@code concurrentBulks} at a
 * time (adding waits while that many are unanswered), without refresh. {@link #flush()} sends the rest and
 * returns when every request has been answered without refusals. Items refused with 429 (queue full) are sent
 * again; a version conflict (409: a newer version is indexed already) is no refusal; any other refusal fails the flush.
 */
final class BulkIndexer {

    private static final int ATTEMPTS = 5;

    private final ElasticsearchAsyncClient client;
    private final int bulkDocs;
    private final long bulkBytes;
    private final int concurrentBulks;
    private final Semaphore inFlight;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private List<BulkOperation> bulk;
    private long bytes;

    BulkIndexer(ElasticsearchAsyncClient client, int bulkDocs, long bulkBytes, int concurrentBulks) {
        this.client = client;
        this.bulkDocs = bulkDocs;
        this.bulkBytes = bulkBytes;
        this.concurrentBulks = concurrentBulks;
        this.inFlight = new Semaphore(concurrentBulks);
        this.bulk = new ArrayList<>(bulkDocs);
    }

    /** Adds one operation ({@code sizeEstimate}: its NDJSON lines' bytes, roughly); may send a full request. */
    void add(BulkOperation operation, long sizeEstimate) throws InterruptedException {
        failIfFailed();
        bulk.add(operation);
        bytes += sizeEstimate;
        if (bulk.size() >= bulkDocs || bytes >= bulkBytes) {
            submit();
        }
    }

    /** Sends what is collected and waits until every request is answered; throws when any failed. */
    void flush() throws InterruptedException {
        if (!bulk.isEmpty() && failure.get() == null) {
            submit();
        }
        inFlight.acquire(concurrentBulks); // every bulk has been answered
        inFlight.release(concurrentBulks);
        failIfFailed();
    }

    private void failIfFailed() {
        if (failure.get() != null) {
            throw new IllegalStateException("bulk indexing failed: " + failure.get(), failure.get());
        }
    }

    private void submit() throws InterruptedException {
        List<BulkOperation> operations = bulk;
        bulk = new ArrayList<>(bulkDocs);
        bytes = 0;
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
                if (item.error() == null || "version_conflict_engine_exception".equals(item.error().type())) {
                    continue; // a conflict: the index holds a newer version (a song's higher total), as in the service
                }
                if (item.status() == 429 && attempt < ATTEMPTS) {
                    again.add(operations.get(i));
                } else {
                    return CompletableFuture.failedFuture(new IllegalStateException("document " + item.id()
                            + " refused: " + item.status() + " " + item.error().reason()));
                }
            }
            return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(200L * attempt,
                    TimeUnit.MILLISECONDS)).thenCompose(v -> send(again, attempt + 1));
        });
    }
}
