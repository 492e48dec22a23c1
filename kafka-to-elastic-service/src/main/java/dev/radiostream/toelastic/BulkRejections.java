package dev.radiostream.toelastic;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;

import dev.radiostream.spark.records.KafkaRecords;

/**
 * Brings the documents that Elasticsearch refused during one batch write back to the driver, on any cluster,
 * each with the Kafka coordinates of the record it comes from.
 * <p>
 * The connector builds its bulk error handler itself, from a class name, on the executors: it cannot be handed
 * an object. So the rows on their way into the connector pass through {@link #capture}: on each task thread it
 * points {@link DeadLetterBulkErrorHandler#CURRENT} at a Spark accumulator, which Spark merges on the driver
 * once the write job is done (only successful task attempts count). It also counts the documents sent, those
 * Elasticsearch kept out because it holds a newer version already (superseded: a song's older total), and those
 * marked late (a play older than the watermark, indexed all the same).
 * <p>
 * Tracing a refused document back to its record without a second pass: the connector flushes a bulk request
 * at least every {@code es.batch.size.entries} documents, on the thread that hands it rows, and reports the
 * refused items of that request then. So the refused document is among the last rows handed over; the capture
 * remembers the id, partition and offset of the last {@code 2 × entries} rows (a ring, no per-row allocation).
 */
final class BulkRejections implements Serializable {

    private final CollectionAccumulator<RejectedDocument> rejected;
    private final LongAccumulator sent;
    private final LongAccumulator superseded;
    private final LongAccumulator late;

    BulkRejections(SparkContext spark) {
        this.rejected = spark.collectionAccumulator("documents refused by Elasticsearch");
        this.sent = spark.longAccumulator("documents sent to Elasticsearch");
        this.superseded = spark.longAccumulator("documents older than the indexed version");
        this.late = spark.longAccumulator("documents marked late");
    }

    /**
     * The documents, unchanged, with the refused ones collected while the connector writes them.
     *
     * @param idColumn   the column holding the document id
     * @param lateColumn a boolean column whose true rows are counted as late, or empty
     * @param window     how many of the last rows to remember (at least the connector's bulk size in entries)
     */
    Dataset<Row> capture(Dataset<Row> documents, String idColumn, Optional<String> lateColumn, int window) {
        int id = documents.schema().fieldIndex(idColumn);
        int lateField = lateColumn.map(documents.schema()::fieldIndex).orElse(-1);
        int partition = documents.schema().fieldIndex(KafkaRecords.PARTITION);
        int offset = documents.schema().fieldIndex(KafkaRecords.OFFSET);
        return documents.mapPartitions(
                new Capture(rejected, sent, superseded, late, id, lateField, partition, offset, window),
                Encoders.row(documents.schema()));
    }

    List<RejectedDocument> rejected() {
        return rejected.value();
    }

    long sent() {
        return sent.value();
    }

    long superseded() {
        return superseded.value();
    }

    long late() {
        return late.value();
    }

    private static final class Capture implements MapPartitionsFunction<Row, Row> {
        private final CollectionAccumulator<RejectedDocument> rejected;
        private final LongAccumulator sent;
        private final LongAccumulator superseded;
        private final LongAccumulator late;
        private final int idField;
        private final int lateField;
        private final int partitionField;
        private final int offsetField;
        private final int window;

        Capture(CollectionAccumulator<RejectedDocument> rejected, LongAccumulator sent, LongAccumulator superseded,
                LongAccumulator late, int idField, int lateField, int partitionField, int offsetField, int window) {
            this.rejected = rejected;
            this.sent = sent;
            this.superseded = superseded;
            this.late = late;
            this.idField = idField;
            this.lateField = lateField;
            this.partitionField = partitionField;
            this.offsetField = offsetField;
            this.window = window;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            Row[] recent = new Row[window];
            long[] handed = { 0 };
            DeadLetterBulkErrorHandler.Sink sink = new DeadLetterBulkErrorHandler.Sink() {
                @Override
                public void reject(String id, String reason) {
                    for (long i = handed[0] - 1; i >= Math.max(0, handed[0] - window); i--) {
                        Row row = recent[(int) (i % window)];
                        if (id.equals(String.valueOf(row.get(idField)))) {
                            rejected.add(new RejectedDocument(id, row.getInt(partitionField), row.getLong(offsetField), reason));
                            return;
                        }
                    }
                    rejected.add(new RejectedDocument(id, -1, -1, reason));
                }

                @Override
                public void superseded() {
                    superseded.add(1);
                }
            };
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
                    Row row = rows.next();
                    recent[(int) (handed[0]++ % window)] = row;
                    sent.add(1);
                    if (lateField >= 0 && row.getBoolean(lateField)) {
                        late.add(1);
                    }
                    return row;
                }
            };
        }
    }
}
