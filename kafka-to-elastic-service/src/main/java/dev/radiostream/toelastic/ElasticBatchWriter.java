package dev.radiostream.toelastic;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.elasticsearch.spark.sql.api.java.JavaEsSparkSQL;
import org.jboss.logging.Logger;

import dev.radiostream.common.consumer.DeadLetters;
import dev.radiostream.common.spark.KafkaRecords;

/**
 * Each micro-batch, on the driver through foreachBatch: keeps its rejected records in the dead-letter table,
 * turns the valid ones into documents ({@link Documents}) and writes them with the elasticsearch-spark
 * connector's batch writer (its streaming sink does not work with Spark 3.5). Documents that Elasticsearch
 * refuses go to the dead-letter table too, traced back to their Kafka record, with Elasticsearch's error and
 * the document as the reason. Any other failure fails the batch: the query restarts with back-off and reads
 * the batch again, since offsets are stored only after this returns.
 */
final class ElasticBatchWriter implements VoidFunction2<Dataset<Row>, Long> {

    private static final Logger LOG = Logger.getLogger(ElasticBatchWriter.class);

    /** How one mode turns the valid records of a batch into documents. */
    interface Documents {
        /**
         * The documents with the Kafka coordinates and raw value of the record each comes from (topic, partition,
         * offset, raw_value), so that a refused document can be dead-lettered as its record.
         */
        Dataset<Row> from(Dataset<Row> validRecords);

        /** The columns that are sent: the document fields, and the id column. */
        List<String> sentColumns();

        /** The column holding the document id. */
        String idColumn();

        /** Columns sent only to name the document id, not stored in it (es.mapping.exclude). */
        String excludedColumns();

        /** index (replace) or upsert. */
        String operation();
    }

    private final String consumer;
    private final String index;
    private final Documents documents;
    private final Map<String, String> connectorOptions;
    private final DeadLetters deadLetters;
    private final AtomicLong indexed;

    ElasticBatchWriter(String consumer, String index, Documents documents, ConnectorOptions options,
            DeadLetters deadLetters, AtomicLong indexed) {
        this.consumer = consumer;
        this.index = index;
        this.documents = documents;
        this.connectorOptions = options.forWrite(index, documents.idColumn(), documents.operation(),
                documents.excludedColumns());
        this.deadLetters = deadLetters;
        this.indexed = indexed;
    }

    @Override
    public void call(Dataset<Row> batch, Long batchId) {
        // Persisted: the batch is read twice (dead letters, documents), and the plays query's de-duplication
        // state must not be run twice for one batch.
        Dataset<Row> parsed = batch.persist();
        try {
            deadLetters.keep(consumer, parsed);
            Dataset<Row> docs = documents.from(KafkaRecords.valid(parsed));
            BulkRejections rejections = new BulkRejections(parsed.sparkSession().sparkContext());
            Column[] sent = documents.sentColumns().stream().map(c -> col(c)).toArray(Column[]::new);
            JavaEsSparkSQL.saveToEs(rejections.capture(docs.select(sent)), index, connectorOptions);
            List<RejectedDocument> refused = rejections.rejected();
            if (!refused.isEmpty()) {
                keepRefused(docs, refused);
            }
            indexed.addAndGet(rejections.sent() - refused.size());
        } finally {
            parsed.unpersist();
        }
    }

    /** Dead-letters the refused documents as the Kafka records they come from. */
    private void keepRefused(Dataset<Row> docs, List<RejectedDocument> refused) {
        Map<String, String> reasons = new LinkedHashMap<>();
        refused.forEach(r -> reasons.put(r.id(), r.reason()));
        List<Row> rows = new ArrayList<>();
        reasons.forEach((id, reason) -> rows.add(RowFactory.create(id, reason)));
        StructType schema = new StructType()
                .add("refused_id", DataTypes.StringType)
                .add("refused_reason", DataTypes.StringType);
        Dataset<Row> refusals = docs.sparkSession().createDataFrame(rows, schema);
        Dataset<Row> records = docs.join(refusals, docs.col(documents.idColumn()).equalTo(refusals.col("refused_id")))
                .select(col("topic"), col("partition"), col("offset"), col(KafkaRecords.RAW_VALUE),
                        col("refused_reason").as(KafkaRecords.REJECT_REASON));
        long kept = deadLetters.keep(consumer, records);
        if (kept < reasons.size()) {
            // Never lose a refusal: fail the batch (it is read again after the restart) rather than skip it.
            throw new IllegalStateException("Elasticsearch refused " + reasons.size() + " documents of " + index
                    + " but only " + kept + " could be traced back to their Kafka record: " + reasons);
        }
        LOG.warnf("Elasticsearch refused %d documents of %s: kept in the dead-letter table", kept, index);
    }
}
