package dev.radiostream.toelastic;

import static org.apache.spark.sql.functions.col;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.elasticsearch.spark.sql.api.java.JavaEsSparkSQL;
import org.jboss.logging.Logger;

import dev.radiostream.spark.consumer.ConsumerSink;
import dev.radiostream.spark.consumer.DeadLetters;
import dev.radiostream.core.kafka.KafkaRecordReader;
import dev.radiostream.core.offsets.RejectedRecord;
import dev.radiostream.spark.records.KafkaRecords;
import dev.radiostream.spark.records.RejectReason;

/**
 * Each micro-batch, on the driver through foreachBatch: turns the valid records into documents
 * ({@link Documents}) and writes them with the elasticsearch-spark connector's batch writer (its streaming sink
 * does not work with Spark 3.5), in one pass. Documents that Elasticsearch refuses go to the dead-letter table,
 * traced back to their Kafka record (read again from Kafka by its coordinates), with Elasticsearch's error and
 * the document as the reason. Any other failure fails the batch: the query restarts with back-off and reads
 * the batch again, since offsets are stored only after this returns.
 */
final class ElasticBatchWriter implements ConsumerSink.Batches {

    private static final Logger LOG = Logger.getLogger(ElasticBatchWriter.class);

    /** How one mode turns the valid records of a batch into documents. */
    interface Documents {
        /** The documents, each with the partition and offset of the record it comes from. */
        Dataset<Row> from(Dataset<Row> validRecords);

        /** The columns that are sent: the document fields, and the id column. */
        List<String> sentColumns();

        /** The column holding the document id. */
        String idColumn();

        /** Columns sent only to name the document id, not stored in it, or "". */
        String excludedColumns();

        /**
         * The column that is each document's external version, or empty: Elasticsearch then keeps the document
         * with the highest version whatever order the writes arrive in (an older one is superseded, not written).
         */
        Optional<String> versionColumn();

        /**
         * A boolean column marking documents that arrived late, or empty: they are counted and indexed all the same
         * (one Elasticsearch refuses is dead-lettered like any other, and still counted late).
         */
        default Optional<String> lateColumn() {
            return Optional.empty();
        }
    }

    private final String consumer;
    private final String topic;
    private final String index;
    private final Documents documents;
    private final Map<String, String> connectorOptions;
    private final int traceWindow;
    private final DeadLetters deadLetters;
    private final KafkaRecordReader kafka;
    private final AtomicLong indexed;
    private final LongConsumer lateIndexed;

    ElasticBatchWriter(String consumer, String topic, String index, Documents documents, ConnectorOptions options,
            DeadLetters deadLetters, KafkaRecordReader kafka, AtomicLong indexed, LongConsumer lateIndexed) {
        this.consumer = consumer;
        this.topic = topic;
        this.index = index;
        this.documents = documents;
        // Every document row carries its record's Kafka coordinates to the connector, which leaves them out.
        String coordinates = KafkaRecords.PARTITION + "," + KafkaRecords.OFFSET;
        String excluded = documents.excludedColumns().isBlank() ? coordinates
                : documents.excludedColumns() + "," + coordinates;
        this.connectorOptions = options.forWrite(index, documents.idColumn(), excluded, documents.versionColumn());
        this.traceWindow = 2 * Integer.parseInt(connectorOptions.getOrDefault("es.batch.size.entries", "1000"));
        this.deadLetters = deadLetters;
        this.kafka = kafka;
        this.indexed = indexed;
        this.lateIndexed = lateIndexed;
    }

    @Override
    public void write(Dataset<Row> records, long batchId) {
        List<String> columns = new ArrayList<>(documents.sentColumns());
        columns.add(KafkaRecords.PARTITION);
        columns.add(KafkaRecords.OFFSET);
        Dataset<Row> docs = documents.from(records).select(columns.stream().map(c -> col(c)).toArray(Column[]::new));
        BulkRejections rejections = new BulkRejections(records.sparkSession().sparkContext());
        JavaEsSparkSQL.saveToEs(rejections.capture(docs, documents.idColumn(), documents.lateColumn(), traceWindow),
                index, connectorOptions);
        List<RejectedDocument> refused = rejections.rejected();
        if (!refused.isEmpty()) {
            keepRefused(refused);
        }
        indexed.addAndGet(rejections.sent() - refused.size() - rejections.superseded());
        lateIndexed.accept(rejections.late());
    }

    /** Dead-letters the refused documents as the Kafka records they come from. */
    private void keepRefused(List<RejectedDocument> refused) {
        Map<KafkaRecordReader.Coordinates, RejectedDocument> byRecord = new LinkedHashMap<>();
        for (RejectedDocument document : refused) {
            if (!document.traced()) {
                // Never lose a refusal: fail the batch (it is read again after the restart) rather than skip it.
                throw new IllegalStateException("Elasticsearch refused document " + document.id() + " of " + index
                        + " but it could not be traced back to its Kafka record: " + document.reason());
            }
            byRecord.putIfAbsent(new KafkaRecordReader.Coordinates(document.partition(), document.offset()), document);
        }
        Map<KafkaRecordReader.Coordinates, ConsumerRecord<byte[], byte[]>> found =
                kafka.records(topic, new ArrayList<>(byRecord.keySet()));
        int maxValueBytes = deadLetters.policy().maxValueBytes();
        List<RejectedRecord> records = new ArrayList<>();
        byRecord.forEach((at, document) -> {
            ConsumerRecord<byte[], byte[]> record = found.get(at);
            records.add(record == null
                    ? RejectedRecord.of(topic, at.partition(), at.offset(), null, null, null, document.reason(),
                            maxValueBytes)
                    : RejectedRecord.of(topic, at.partition(), at.offset(), record.key(),
                            Instant.ofEpochMilli(record.timestamp()), record.value(), document.reason(), maxValueBytes));
        });
        deadLetters.store(consumer, RejectReason.REFUSED_BY_SINK, records);
        LOG.warnf("Elasticsearch refused %d documents of %s: kept in the dead-letter table", records.size(), index);
    }
}
