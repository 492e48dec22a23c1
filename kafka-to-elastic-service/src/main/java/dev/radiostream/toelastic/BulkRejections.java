package dev.radiostream.toelastic;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Brings the documents that Elasticsearch refused during one batch write back to the driver, on any cluster.
 * <p>
 * The connector builds its bulk error handler itself, from a class name, on the executors: it cannot be handed
 * an object. So the rows on their way into the connector pass through {@link #capture}: on each task thread it
 * points {@link DeadLetterBulkErrorHandler#CURRENT} at a Spark accumulator, which Spark merges on the driver
 * once the write job is done (only successful task attempts count). It also counts the documents sent.
 */
final class BulkRejections implements Serializable {

    private final CollectionAccumulator<RejectedDocument> rejected;
    private final LongAccumulator sent;

    BulkRejections(SparkContext spark) {
        this.rejected = spark.collectionAccumulator("documents refused by Elasticsearch");
        this.sent = spark.longAccumulator("documents sent to Elasticsearch");
    }

    /** The documents, unchanged, with the refused ones collected while the connector writes them. */
    Dataset<Row> capture(Dataset<Row> documents) {
        return documents.mapPartitions(new Capture(rejected, sent), Encoders.row(documents.schema()));
    }

    List<RejectedDocument> rejected() {
        return rejected.value();
    }

    long sent() {
        return sent.value();
    }

    private static final class Capture implements MapPartitionsFunction<Row, Row> {
        private final CollectionAccumulator<RejectedDocument> rejected;
        private final LongAccumulator sent;

        Capture(CollectionAccumulator<RejectedDocument> rejected, LongAccumulator sent) {
            this.rejected = rejected;
            this.sent = sent;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            DeadLetterBulkErrorHandler.Sink sink = rejected::add;
            DeadLetterBulkErrorHandler.CURRENT.set(sink);
            // Registered before the connector's writer (which is created after this iterator) and so run after
            // its final flush on close: listeners run in reverse order.
            TaskContext.get().addTaskCompletionListener((TaskCompletionListener) context -> {
                if (DeadLetterBulkErrorHandler.CURRENT.get() == sink) {
                    DeadLetterBulkErrorHandler.CURRENT.remove();
                }
            });
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Row next() {
                    sent.add(1);
                    return rows.next();
                }
            };
        }
    }
}
