package dev.radiostream.spark.query;

import java.time.Instant;
import java.util.Optional;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.IncrementalExecution;
import org.apache.spark.sql.execution.streaming.StreamExecution;
import org.apache.spark.sql.execution.streaming.StreamingQueryWrapper;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The event-time watermark Spark applies to the micro-batch being written, read inside foreachBatch, where a
 * sink decides what to do with rows older than it.
 * <p>
 * Spark 3.5 has no public API for it (foreachBatch hands over a plain Dataset): it is read from the running
 * query's last execution, which Spark sets to the batch's own before calling the sink. That execution holds the
 * watermark of the batch: the newest event time of the batches before, minus the delay (never moving back). The
 * first batch of a start has none: every start begins from a fresh checkpoint. (A stateful operator of Spark 3.5
 * evicts state by this watermark but drops late rows by the one before it, which Spark advances with an extra
 * empty batch; a query without state runs no such batch, so this one is the watermark that is current.)
 */
public final class BatchWatermark {

    private BatchWatermark() {
    }

    /**
     * The watermark of the batch the calling foreachBatch thread is writing, or empty while there is none yet.
     *
     * @param spark the session the query was started from (its query manager knows the query)
     */
    public static Optional<Instant> ofCurrentBatch(SparkSession spark) {
        // Spark sets the query id as a local property of its stream thread, the thread foreachBatch runs on.
        String queryId = spark.sparkContext().getLocalProperty(StreamExecution.QUERY_ID_KEY());
        StreamingQuery query = queryId == null ? null : spark.streams().get(queryId);
        if (!(query instanceof StreamingQueryWrapper wrapper)) {
            throw new IllegalStateException("No running streaming query on this thread (query id " + queryId
                    + "): the watermark is only known inside foreachBatch");
        }
        IncrementalExecution batch = wrapper.streamingQuery().lastExecution();
        long watermarkMs = batch == null ? 0 : batch.offsetSeqMetadata().batchWatermarkMs();
        return watermarkMs > 0 ? Optional.of(Instant.ofEpochMilli(watermarkMs)) : Optional.empty();
    }
}
