package dev.radiostream.spark.query;

import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * The one streaming query of a service. {@link QueryLifecycle} starts it, restarts it with back-off when
 * it fails and stops it on shutdown; each service provides exactly one bean of this type.
 */
public interface StreamingJob {

    /** Name of the query, shown in logs, /status and health. */
    String name();

    /**
     * Prepares what the query needs (topics, tables, indices, starting offsets) and starts it.
     * Called again after each failure, so it must pick up where the data says, not where memory says.
     */
    StreamingQuery start(SparkSession spark, RunMode mode) throws Exception;

    /** Called after every micro-batch on Spark's listener thread. */
    default void onProgress(StreamingQueryProgress progress) {
    }

    /** Called once the query has stopped, after a clean stop or a failure. */
    default void onStopped(StreamingQuery query) {
    }

    /** Service-specific figures for /status (rejected records, files done, ...). */
    default Map<String, Object> status() {
        return Map.of();
    }
}
