package dev.radiostream.toelastic;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.elasticsearch.hadoop.handler.HandlerResult;
import org.elasticsearch.hadoop.rest.EsHadoopRemoteException;
import org.elasticsearch.hadoop.rest.bulk.handler.BulkWriteErrorHandler;
import org.elasticsearch.hadoop.rest.bulk.handler.BulkWriteFailure;
import org.elasticsearch.hadoop.rest.bulk.handler.DelayableErrorCollector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The connector's bulk error handler (es.write.rest.error.handlers): what happens to a document that
 * Elasticsearch refuses. The connector calls it for every failed bulk item, after its own retries of
 * 429 "too many requests".
 * <ul>
 * <li>HTTP 400 (mapper_parsing_exception, document_parsing_exception, illegal_argument_exception...): this one
 * document does not fit the index. It is handed to the batch ({@link BulkRejections}), which keeps it in the
 * dead-letter table with Elasticsearch's error and the document as the reason; the rest of the batch is indexed.
 * Failing the batch instead would stop the stream on one bad record for good: every restart reads it again.</li>
 * <li>HTTP 409 version_conflict_engine_exception, where documents carry an external version (song counts: the
 * total): Elasticsearch holds a newer version of the document already, e.g. a song's higher total that came
 * through another partition. Nothing to write and nothing lost: counted as superseded, not indexed.</li>
 * <li>strict_dynamic_mapping_exception (a field the index does not know: the index and this service disagree)
 * and every other status (404 index gone, 429 after the retries, 5xx): not the document's fault. The handler
 * passes, the connector's final "fail" handler aborts with the error and the document, the batch fails and
 * the query restarts with back-off. Offsets are stored only after a batch succeeds, so nothing is lost.</li>
 * </ul>
 * It runs inside the connector on the executor's task thread and reaches the batch through a thread-local that
 * {@link BulkRejections} sets on that thread. Without one it passes too: a refused document is never dropped quietly.
 */
public class DeadLetterBulkErrorHandler extends BulkWriteErrorHandler {

    /** Receives the documents refused while the current task writes. */
    interface Sink {
        void reject(String documentId, String reason);

        /** Elasticsearch holds a newer version of the document (a song's higher total). */
        void superseded();
    }

    static final ThreadLocal<Sink> CURRENT = new ThreadLocal<>();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public HandlerResult onError(BulkWriteFailure failure, DelayableErrorCollector<byte[]> collector) throws Exception {
        Sink sink = CURRENT.get();
        if (failure.getResponseCode() == 409 && hasType(failure.getException(), "version_conflict_engine_exception")
                && sink != null) {
            sink.superseded();
            return HandlerResult.HANDLED;
        }
        if (failure.getResponseCode() != 400) {
            return collector.pass("HTTP " + failure.getResponseCode() + " is not a problem of the document");
        }
        if (hasType(failure.getException(), "strict_dynamic_mapping_exception")) {
            return collector.pass("the index does not know a field this service writes: its mapping differs");
        }
        if (sink == null) {
            return collector.pass("no batch to hand the refused document to");
        }
        String[] entry = entryLines(failure.getEntryContents());
        sink.reject(documentId(entry[0]), "Elasticsearch refused the document (HTTP 400): "
                + describe(failure.getException()) + "; document: " + entry[1]);
        return HandlerResult.HANDLED;
    }

    /** Whether Elasticsearch's error, or one of its causes, has this type (e.g. strict_dynamic_mapping_exception). */
    static boolean hasType(Throwable error, String type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof EsHadoopRemoteException remote && type.equals(remote.getType())) {
                return true;
            }
        }
        return false;
    }

    /** Elasticsearch's error with its causes, on one line: "type: reason; caused by type: reason". */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append("; caused by ");
            }
            if (t instanceof EsHadoopRemoteException remote && remote.getType() != null) {
                text.append(remote.getType()).append(": ");
            }
            text.append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return text.toString().replaceAll("\\s+", " ").trim();
    }

    /** A bulk entry is two lines: the action with its metadata ({"index":{"_id":...}}) and the document. */
    private static String[] entryLines(InputStream contents) throws IOException {
        String entry = new String(contents.readAllBytes(), StandardCharsets.UTF_8);
        int newline = entry.indexOf('\n');
        if (newline < 0) {
            return new String[] { entry, "" };
        }
        return new String[] { entry.substring(0, newline), entry.substring(newline + 1).strip() };
    }

    private static String documentId(String actionLine) throws IOException {
        JsonNode action = JSON.readTree(actionLine);
        JsonNode metadata = action.elements().hasNext() ? action.elements().next() : null;
        JsonNode id = metadata == null ? null : metadata.get("_id");
        if (id == null || id.isNull()) {
            throw new IllegalStateException("refused bulk entry without a document id: " + actionLine);
        }
        return id.asText();
    }
}
