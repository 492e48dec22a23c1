package dev.radiostream.common.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.ltrim;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Turns raw Kafka rows into typed records without ever failing the query: a row that cannot be used gets a
 * {@value #REJECT_REASON} saying why, and keeps its raw value ({@value #RAW_VALUE}) for the dead-letter table.
 * <p>
 * Built for the hot path: each value is parsed once; the second look that names the reason (is it JSON at all?)
 * is taken only for records that failed; valid records carry only their parsed fields and Kafka coordinates
 * (partition, offset), not the raw value nor the topic name (the consumer knows it).
 */
public final class KafkaRecords {

    public static final String PARTITION = "partition";
    public static final String OFFSET = "offset";
    public static final String RAW_VALUE = "raw_value";
    public static final String REJECT_REASON = "reject_reason";
    private static final String CORRUPT = "_corrupt_record";
    private static final String PARSED = "parsed_record";
    private static final String RAW = "raw_text";
    private static final String UNPARSED = "unparsed";

    /** A check on the parsed fields: rows where {@code invalid} is true are rejected with {@code reason}. */
    public record Rule(String reason, Column invalid) {
    }

    private KafkaRecords() {
    }

    /**
     * Parses the JSON value of each Kafka row with the given schema. Result columns: partition, offset, the
     * schema's fields, reject_reason (null for a good record) and raw_value (null for a good record). Every
     * schema field is required; {@code rules} add checks on values and judge only records that parsed.
     */
    public static Dataset<Row> parse(Dataset<Row> kafkaRows, StructType schema, long maxValueBytes, Rule... rules) {
        StructType withCorrupt = schema.add(CORRUPT, DataTypes.StringType);
        Column text = col("value").cast("string");
        // A value over the size limit is not parsed at all: a burst of huge poison records costs no JSON work.
        Column parseable = when(octet_length(col("value")).leq(maxValueBytes), text);
        Dataset<Row> parsed = kafkaRows.select(col(PARTITION), col(OFFSET), text.as(RAW),
                from_json(parseable, withCorrupt, Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT))
                        .as(PARSED));

        // The parsed fields side by side, so that value rules can name them.
        List<Column> flatColumns = new ArrayList<>(List.of(col(PARTITION), col(OFFSET), col(RAW),
                col(PARSED).isNull().as(UNPARSED), col(PARSED + "." + CORRUPT).as(CORRUPT)));
        for (StructField field : schema.fields()) {
            flatColumns.add(col(PARSED + "." + field.name()).as(field.name()));
        }
        Dataset<Row> flat = parsed.select(flatColumns.toArray(Column[]::new));

        Column raw = col(RAW);
        // A JSON object: a struct schema would also take the first element of an array.
        Column isObject = raw.startsWith("{").or(ltrim(raw).startsWith("{"));
        Column complete = not(col(UNPARSED)).and(col(CORRUPT).isNull()).and(isObject);
        for (StructField field : schema.fields()) {
            complete = complete.and(col(field.name()).isNotNull());
        }
        // The common case first: a complete record is judged only by the value rules.
        Column reason = when(complete, ruleReason(rules))
                .when(raw.isNull(), lit("empty value"))
                .when(octet_length(raw).gt(maxValueBytes), lit("value larger than " + maxValueBytes + " bytes"))
                .when(get_json_object(raw, "$").isNull(), lit("not valid JSON"))
                .when(col(UNPARSED).or(not(isObject)), lit("not a JSON object"))
                .when(col(CORRUPT).isNotNull(), lit("a field has the wrong type (expected " + describe(schema) + ")"));
        for (StructField field : schema.fields()) {
            reason = reason.when(col(field.name()).isNull(), lit("missing field " + field.name()));
        }

        List<Column> judged = new ArrayList<>(List.of(col(PARTITION), col(OFFSET), raw));
        List<Column> result = new ArrayList<>(List.of(col(PARTITION), col(OFFSET)));
        for (StructField field : schema.fields()) {
            judged.add(col(field.name()));
            result.add(col(field.name()));
        }
        judged.add(reason.as(REJECT_REASON));
        result.add(col(REJECT_REASON));
        // Only a rejected record keeps its raw value: nothing else needs it downstream.
        result.add(when(col(REJECT_REASON).isNotNull(), raw).as(RAW_VALUE));
        return flat.select(judged.toArray(Column[]::new)).select(result.toArray(Column[]::new));
    }

    private static Column ruleReason(Rule... rules) {
        if (rules.length == 0) {
            return lit(null).cast(DataTypes.StringType);
        }
        Column reason = when(rules[0].invalid(), lit(rules[0].reason()));
        for (int i = 1; i < rules.length; i++) {
            reason = reason.when(rules[i].invalid(), lit(rules[i].reason()));
        }
        return reason;
    }

    public static Dataset<Row> valid(Dataset<Row> parsed) {
        return parsed.filter(col(REJECT_REASON).isNull());
    }

    public static Dataset<Row> rejected(Dataset<Row> parsed) {
        return parsed.filter(col(REJECT_REASON).isNotNull());
    }

    /**
     * Keeps, per key, only the newest record (the highest Kafka offset): a batch holding several totals of one
     * song writes the newest, and never an older one after it. A key always lives in one Kafka partition, so
     * offsets of one key are comparable. Result columns: the keys, each of {@code values} as of the newest
     * record, and that record's offset.
     * <p>
     * The values should be fixed-width (numbers): then Spark aggregates in a hash map, partially before the
     * shuffle; a variable-width value (a string, a struct) makes it sort every row on both sides instead.
     */
    public static Dataset<Row> latestPerKey(Dataset<Row> records, List<String> keys, List<String> values) {
        List<Column> aggregates = new ArrayList<>();
        for (String value : values) {
            aggregates.add(max_by(col(value), col(OFFSET)).as(value));
        }
        aggregates.add(max(col(OFFSET)).as(OFFSET));
        return records.groupBy(keys.stream().map(k -> col(k)).toArray(Column[]::new))
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
    }

    private static String describe(StructType schema) {
        StringBuilder text = new StringBuilder();
        for (StructField field : schema.fields()) {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(field.name()).append(": ").append(field.dataType().simpleString());
        }
        return text.toString();
    }
}
