package dev.radiostream.spark.consumer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.util.CollectionAccumulator;

import dev.radiostream.core.offsets.RejectedRecord;
import dev.radiostream.spark.records.KafkaRecords;

/**
 * Splits one micro-batch into its valid records, which flow on to the sink, and its rejected records, which
 * are collected on the way (a Spark accumulator) and handed to the driver when the sink's write is done: one
 * pass over the batch, nothing cached, no second job. A batch with de-duplication state must never be
 * computed twice, and a second pass over a large batch would cost as much as the first.
 * <p>
 * The collecting function runs only for rejected rows (a CASE WHEN evaluates one branch); valid rows pay a null
 * check. A retried task adds its rejects again: {@link #collected} keeps one per Kafka coordinate.
 */
final class RejectCollector implements Serializable {

    private final CollectionAccumulator<RejectedRecord> rejected;
    private final String topic;

    private RejectCollector(CollectionAccumulator<RejectedRecord> rejected, String topic) {
        this.rejected = rejected;
        this.topic = topic;
    }

    static RejectCollector start(SparkSession spark, String topic) {
        return new RejectCollector(spark.sparkContext().collectionAccumulator("rejected records of " + topic), topic);
    }

    /**
     * The valid records of a parsed batch (partition, offset and the schema's fields); computing them collects
     * the rejected ones.
     */
    Dataset<Row> validRecords(Dataset<Row> parsedBatch) {
        CollectionAccumulator<RejectedRecord> sink = rejected;
        String topicName = topic;
        UserDefinedFunction keep = udf((UDF4<Integer, Long, String, String, Boolean>) (partition, offset, raw, reason) -> {
            sink.add(new RejectedRecord(topicName, partition, offset, raw, reason));
            return false;
        }, DataTypes.BooleanType).asNondeterministic();
        return parsedBatch
                .filter(when(col(KafkaRecords.REJECT_REASON).isNull(), lit(true))
                        .otherwise(keep.apply(col(KafkaRecords.PARTITION), col(KafkaRecords.OFFSET),
                                col(KafkaRecords.RAW_VALUE), col(KafkaRecords.REJECT_REASON))))
                .drop(KafkaRecords.REJECT_REASON, KafkaRecords.RAW_VALUE);
    }

    /** What the finished write collected, once per Kafka coordinate, in offset order. */
    List<RejectedRecord> collected() {
        Map<String, RejectedRecord> unique = new LinkedHashMap<>();
        for (RejectedRecord record : rejected.value()) {
            unique.putIfAbsent(record.partition() + "@" + record.offset(), record);
        }
        List<RejectedRecord> records = new ArrayList<>(unique.values());
        records.sort(Comparator.comparingInt(RejectedRecord::partition).thenComparingLong(RejectedRecord::offset));
        return records;
    }
}
