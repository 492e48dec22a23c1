package dev.radiostream.spark.records;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import dev.radiostream.core.offsets.RejectedRecord;

/**
 * Turns raw Kafka rows into typed records without ever failing the query: a row that cannot be used gets a
 * {@value #REJECT_REASON} saying why, and keeps its raw Kafka record ({@value #RAW_RECORD}: coordinates, key, value,
 * timestamp) for the dead-letter table.
 * <p>
 * Built for the hot path: each value is parsed once, from its bytes, by {@link JsonValueParser}, which also names
 * the reason of a failure and runs the consumer's rules; valid records carry only their parsed fields and Kafka
 * coordinates (partition, offset), not the raw value nor the topic name (the consumer knows it). A foreach-writer
 * sink skips Spark's parse altogether: it reads {@link #raw} rows and parses in its task.
 */
public final class KafkaRecords {

    public static final String PARTITION = "partition";
    public static final String OFFSET = "offset";
    public static final String RAW_RECORD = "raw_record";
    public static final String REJECT_REASON = "reject_reason";
    private static final String PARSED = "parsed_record";
    private static final String KAFKA_KEY = "kafka_key";
    private static final String KAFKA_VALUE = "kafka_value";
    private static final String KAFKA_TIMESTAMP = "kafka_timestamp";

    /** A check on a parsed value's fields: records for which {@code invalid} is true are rejected with {@code reason}. */
    public record Rule(String reason, Check invalid) implements Serializable {
    }

    /** The test of a {@link Rule}: plain Java on the parsed fields, run in the task that parses the value. */
    @FunctionalInterface
    public interface Check extends Serializable {
        boolean test(ParsedRecord record);
    }

    private KafkaRecords() {
    }

    /**
     * Parses the JSON value of each Kafka row with the given schema. Result columns: partition, offset, the
     * schema's fields, reject_reason (null for a good record) and raw_record (null for a good record). Every
     * schema field is required; {@code rules} add checks on values and judge only records that parsed.
     */
    public static Dataset<Row> parse(Dataset<Row> kafkaRows, StructType schema, long maxValueBytes, Rule... rules) {
        JsonValueParser parser = new JsonValueParser(schema, maxValueBytes, rules);
        // Nondeterministic: a rule may read the clock (a play's timestamp against now), so Spark must call it once
        // per record and never copy the call into another expression.
        UserDefinedFunction parse = udf((UDF1<byte[], Row>) parser::parse,
                JsonValueParser.resultType(schema, REJECT_REASON)).asNondeterministic();
        // Kafka's key, value and timestamp under names of their own: a schema may have a field "timestamp".
        Dataset<Row> parsed = kafkaRows.select(col(PARTITION), col(OFFSET), col("key").as(KAFKA_KEY),
                col("value").as(KAFKA_VALUE), col("timestamp").as(KAFKA_TIMESTAMP),
                parse.apply(col("value")).as(PARSED));

        // Only a rejected record keeps its raw record: nothing else needs it downstream.
        List<Column> result = new ArrayList<>(List.of(col(PARTITION), col(OFFSET)));
        for (StructField field : schema.fields()) {
            result.add(col(PARSED + "." + field.name()).as(field.name()));
        }
        Column reason = col(PARSED + "." + REJECT_REASON);
        result.add(reason.as(REJECT_REASON));
        result.add(when(reason.isNotNull(), rawRecord(col(KAFKA_KEY), col(KAFKA_VALUE), col(KAFKA_TIMESTAMP))).as(RAW_RECORD));
        return parsed.select(result.toArray(Column[]::new));
    }

    /**
     * The raw Kafka rows as a foreach-writer sink reads them, parsing each value itself ({@link JsonValueParser#read}):
     * the columns of {@value #RAW_RECORD} (partition, offset, key, value, timestamp), nothing parsed by Spark.
     */
    public static Dataset<Row> raw(Dataset<Row> kafkaRows) {
        return kafkaRows.select(rawColumns(col("key"), col("value"), col("timestamp")));
    }

    /** The Kafka value of a row of {@link #raw} (or of a {@value #RAW_RECORD} column). */
    public static byte[] rawValue(Row raw) {
        return (byte[]) raw.get(3);
    }

    /** A Kafka record's coordinates, key, value and timestamp: what its dead letter keeps ({@link #rejectedRecord}). */
    private static Column rawRecord(Column key, Column value, Column timestamp) {
        return struct(rawColumns(key, value, timestamp));
    }

    private static Column[] rawColumns(Column key, Column value, Column timestamp) {
        return new Column[] { col(PARTITION), col(OFFSET), key, value, timestamp };
    }

    /**
     * The dead letter of a rejected row, from its {@value #RAW_RECORD} column (or a row of {@link #raw}), the value
     * and key cut to {@code maxValueBytes}.
     */
    public static RejectedRecord rejectedRecord(String topic, Row rawRecord, String reason, int maxValueBytes) {
        Object timestamp = rawRecord.get(4);
        Instant at = timestamp instanceof Timestamp sql ? sql.toInstant() : (Instant) timestamp;
        return RejectedRecord.of(topic, rawRecord.getInt(0), rawRecord.getLong(1), (byte[]) rawRecord.get(2), at,
                rawValue(rawRecord), reason, maxValueBytes);
    }

    /**
     * Keeps, per key, only the record with the highest running total: a batch holding several totals of one song
     * writes the newest, and never an older one after it. A total only grows, so the highest is the newest
     * whichever partition it came from; Kafka offsets could not tell (after partitions are added, one key's
     * records sit in two partitions, whose offsets are not comparable). Result columns: the keys, {@code total}
     * (its highest value) and each of {@code carried} as of the record that holds it (all taken from one record:
     * every max_by below compares the same total in the same order).
     * <p>
     * The columns should be fixed-width (numbers): then Spark aggregates in a hash map, partially before the
     * shuffle; a variable-width value (a string, a struct) makes it sort every row on both sides instead.
     */
    public static Dataset<Row> highestPerKey(Dataset<Row> records, List<String> keys, String total, List<String> carried) {
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(max(col(total)).as(total));
        for (String column : carried) {
            aggregates.add(max_by(col(column), col(total)).as(column));
        }
        return records.groupBy(keys.stream().map(k -> col(k)).toArray(Column[]::new))
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
    }
}
