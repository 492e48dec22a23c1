package dev.radiostream.common.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.ltrim;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Turns raw Kafka rows into typed records without ever failing the query: every row keeps its Kafka
 * coordinates and raw value, and a row that cannot be used gets a {@value #REJECT_REASON} saying why.
 */
public final class KafkaRecords {

    public static final String RAW_VALUE = "raw_value";
    public static final String REJECT_REASON = "reject_reason";
    public static final String KAFKA_TIMESTAMP = "kafka_timestamp";
    private static final String CORRUPT = "_corrupt_record";

    /** A check on the parsed fields: rows where {@code invalid} is true are rejected with {@code reason}. */
    public record Rule(String reason, Column invalid) {
    }

    private KafkaRecords() {
    }

    /**
     * Parses the JSON value of each Kafka row with the given schema. Result columns: topic, partition, offset,
     * kafka_timestamp, raw_value, the schema's fields, reject_reason (null for a good record).
     * Every schema field is required; {@code rules} add checks on values.
     */
    public static Dataset<Row> parse(Dataset<Row> kafkaRows, StructType schema, long maxValueBytes, Rule... rules) {
        StructType withCorrupt = schema.add(CORRUPT, DataTypes.StringType);
        Column raw = col("value").cast("string");
        Dataset<Row> parsed = kafkaRows.select(col("topic"), col("partition"), col("offset"),
                col("timestamp").as(KAFKA_TIMESTAMP), raw.as(RAW_VALUE),
                from_json(raw, withCorrupt, Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT))
                        .as("record"));

        Column reason = when(col(RAW_VALUE).isNull(), lit("empty value"))
                .when(octet_length(col(RAW_VALUE)).gt(maxValueBytes), lit("value larger than " + maxValueBytes + " bytes"))
                .when(get_json_object(col(RAW_VALUE), "$").isNull(), lit("not valid JSON"))
                .when(col("record").isNull().or(not(ltrim(col(RAW_VALUE)).startsWith("{"))), lit("not a JSON object"))
                .when(col("record." + CORRUPT).isNotNull(), lit("a field has the wrong type (expected " + describe(schema) + ")"));
        for (StructField field : schema.fields()) {
            reason = reason.when(col("record." + field.name()).isNull(), lit("missing field " + field.name()));
        }
        List<Column> columns = new ArrayList<>(List.of(col("topic"), col("partition"), col("offset"),
                col(KAFKA_TIMESTAMP), col(RAW_VALUE)));
        for (StructField field : schema.fields()) {
            columns.add(col("record." + field.name()).as(field.name()));
        }
        columns.add(reason.as(REJECT_REASON));
        Dataset<Row> flat = parsed.select(columns.toArray(Column[]::new));
        if (rules.length == 0) {
            return flat;
        }
        // Value rules see the flattened fields; they judge only records that parsed.
        Column ruleReason = when(rules[0].invalid(), lit(rules[0].reason()));
        for (int i = 1; i < rules.length; i++) {
            ruleReason = ruleReason.when(rules[i].invalid(), lit(rules[i].reason()));
        }
        return flat.withColumn(REJECT_REASON, coalesce(col(REJECT_REASON), ruleReason));
    }

    public static Dataset<Row> valid(Dataset<Row> parsed) {
        return parsed.filter(col(REJECT_REASON).isNull());
    }

    public static Dataset<Row> rejected(Dataset<Row> parsed) {
        return parsed.filter(col(REJECT_REASON).isNotNull());
    }

    /**
     * Keeps, per key, only the record with the highest Kafka offset: a batch holding several totals of one
     * song writes the newest, and never an older one after it. A key always lives in one Kafka partition,
     * so offsets of one key are comparable.
     */
    public static Dataset<Row> latestPerKey(Dataset<Row> records, String... keyColumns) {
        List<String> keys = Arrays.asList(keyColumns);
        Column[] all = Arrays.stream(records.columns()).map(c -> col(c)).toArray(Column[]::new);
        return records.groupBy(keys.stream().map(k -> col(k)).toArray(Column[]::new))
                .agg(max_by(struct(all), col("offset")).as("latest"))
                .select("latest.*");
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
