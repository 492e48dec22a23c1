package dev.radiostream.spark.consumer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

import dev.radiostream.spark.records.KafkaRecords;

/**
 * Splits one micro-batch into its valid records, which flow on to the sink, and its rejected records, which
 * are dead-lettered on the way by the executors ({@link ExecutorDeadLetters}): one pass over the batch, nothing
 * cached, no second job. A batch of a stateful stream (a job may add state ahead of the sink) must never be
 * computed twice, and a second pass over a large batch would cost as much as the first.
 * <p>
 * The dead-lettering function runs only for rejected rows (a CASE WHEN evaluates one branch); valid rows pay a
 * null check.
 */
final class RejectCollector {

    private RejectCollector() {
    }

    /**
     * The valid records of a parsed batch (partition, offset and the schema's fields); computing them
     * dead-letters the rejected ones.
     */
    static Dataset<Row> validRecords(Dataset<Row> parsedBatch, ExecutorDeadLetters deadLetters) {
        UserDefinedFunction keep = udf((UDF2<Row, String, Boolean>) (raw, reason) -> {
            deadLetters.keep(raw, reason);
            return false;
        }, DataTypes.BooleanType).asNondeterministic();
        return parsedBatch
                .filter(when(col(KafkaRecords.REJECT_REASON).isNull(), lit(true))
                        .otherwise(keep.apply(col(KafkaRecords.RAW_RECORD), col(KafkaRecords.REJECT_REASON))))
                .drop(KafkaRecords.REJECT_REASON, KafkaRecords.RAW_RECORD);
    }
}
