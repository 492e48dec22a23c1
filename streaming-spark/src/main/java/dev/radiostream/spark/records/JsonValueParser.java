package dev.radiostream.spark.records;

import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;

/**
 * Parses a Kafka value (UTF-8 JSON bytes) into the fields of a flat schema and names what is wrong with a value
 * that cannot be used, in one pass: first {@link PlainJsonScanner} (the common shape, straight from the bytes),
 * and for anything it leaves Jackson's byte-level parser, which decides and names the reason.
 * <p>
 * Why not Spark's from_json: it decodes every value through a new InputStreamReader into a char-based parser
 * (a UTF-8 decoder and its buffers allocated per record), which cost more than the rest of a consumer's work
 * together (JFR profile in BENCHMARKS.md); and naming the reason of a failure needed a second parse.
 * <p>
 * Field types: string (a JSON string; a number or boolean is taken as its text, as from_json does), bigint and
 * int (a JSON integer in range). An object or array where a string is expected, or anything but an integer where
 * a number is expected, is a wrong type. Fields the schema does not name are skipped; null counts as missing.
 * A value that parsed is then judged by the consumer's {@link KafkaRecords.Rule}s, in order; the first it fails
 * gives the reason.
 * <p>
 * Two callers: {@link KafkaRecords#parse} (a Spark function, for foreachBatch sinks) and the foreach-writer sinks,
 * which call {@link #read} on each raw value in their task (no Spark function, no conversion of parsed fields).
 */
public final class JsonValueParser implements Serializable {

    private static final long serialVersionUID = 1L;

    // The reasons this parser gives, and the prefixes of those that name a field or a size.
    private static final String EMPTY_VALUE = "empty value";
    private static final String NOT_JSON = "not valid JSON";
    private static final String NOT_AN_OBJECT = "not a JSON object";
    private static final String WRONG_TYPE = "a field has the wrong type";
    private static final String MISSING_FIELD = "missing field ";
    private static final String TOO_LARGE = "value larger than ";

    private final String[] names;
    private final DataType[] types;
    private final long maxBytes;
    private final KafkaRecords.Rule[] rules;
    private final String wrongType;
    private final String tooLarge;
    private final PlainJsonScanner scanner;
    private transient JsonFactory factory;

    /** A parser of values with the given flat schema, at most {@code maxBytes} long, judged by {@code rules}. */
    public JsonValueParser(StructType schema, long maxBytes, KafkaRecords.Rule... rules) {
        this.names = schema.fieldNames();
        this.rules = rules.clone();
        this.types = new DataType[names.length];
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            StructField field = schema.fields()[i];
            DataType type = field.dataType();
            if (!type.equals(DataTypes.StringType) && !type.equals(DataTypes.LongType) && !type.equals(DataTypes.IntegerType)) {
                throw new IllegalArgumentException("field " + field.name() + ": only string, bigint and int are parsed, not " + type);
            }
            types[i] = type;
            if (i > 0) {
                expected.append(", ");
            }
            expected.append(field.name()).append(": ").append(type.simpleString());
        }
        this.maxBytes = maxBytes;
        this.wrongType = WRONG_TYPE + " (expected " + expected + ")";
        this.tooLarge = TOO_LARGE + maxBytes + " bytes";
        this.scanner = new PlainJsonScanner(schema);
        checkRules();
    }

    /**
     * Runs every rule once on a sample record ("" and 0): a rule naming a field the schema lacks, or reading it as
     * the wrong type, fails here, when the query is built, not on the first valid record of every task.
     */
    private void checkRules() {
        Object[] sample = new Object[names.length];
        for (int i = 0; i < names.length; i++) {
            sample[i] = types[i].equals(DataTypes.StringType) ? "" : types[i].equals(DataTypes.LongType) ? (Object) 0L : (Object) 0;
        }
        ParsedRecord record = new ParsedRecord(this, sample);
        for (KafkaRecords.Rule rule : rules) {
            try {
                rule.invalid().test(record);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("rule \"" + rule.reason() + "\" does not fit the schema " + Arrays.toString(names)
                        + ": " + e, e);
            }
        }
    }

    /** The Spark type of {@link #parse}'s result: the schema's fields, then the reject reason. */
    static StructType resultType(StructType schema, String reasonField) {
        return schema.add(reasonField, DataTypes.StringType);
    }

    /**
     * The fields in schema order, then the reason the value cannot be used (null when it can), for Spark: a string
     * field may come as Spark's own {@link UTF8String} (which Spark takes as it is) rather than a {@link String}.
     */
    Row parse(byte[] value) {
        Object[] row = new Object[names.length + 1];
        row[names.length] = judge(value, row, true);
        return RowFactory.create(row);
    }

    /**
     * Parses and judges one value into {@code fields} (one slot per schema field, in schema order, reused from
     * record to record): returns null when the value can be used, else the reason it cannot (then the fields
     * are to be ignored).
     */
    public String read(byte[] value, Object[] fields) {
        Arrays.fill(fields, null);
        return judge(value, fields, false);
    }

    /** The position of a schema field in {@link #read}'s fields. */
    public int fieldIndex(String name) {
        int index = indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no field " + name + " in the schema (fields: " + String.join(", ", names) + ")");
        }
        return index;
    }

    /** How many fields {@link #read} fills. */
    public int fieldCount() {
        return names.length;
    }

    private String judge(byte[] value, Object[] fields, boolean sparkStrings) {
        if (value == null) {
            return EMPTY_VALUE;
        }
        if (value.length > maxBytes) {
            return tooLarge;
        }
        if (!scanner.scan(value, fields, sparkStrings)) {
            Arrays.fill(fields, null);
            String reason = parseWithJackson(value, fields);
            if (reason != null) {
                return reason;
            }
        }
        if (rules.length > 0) {
            ParsedRecord record = new ParsedRecord(this, fields);
            for (KafkaRecords.Rule rule : rules) {
                if (rule.invalid().test(record)) {
                    return rule.reason();
                }
            }
        }
        return null;
    }

    /**
     * Any value, with Jackson (the values {@link PlainJsonScanner} leaves): fills {@code fields} and returns null
     * when every field is there with its type, else the reason.
     */
    String parseWithJackson(byte[] value, Object[] fields) {
        boolean wrong = false;
        try (JsonParser parser = factory().createParser(value)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return NOT_JSON;
            }
            if (first != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return parser.nextToken() == null ? NOT_AN_OBJECT : NOT_JSON;
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                if (token != JsonToken.FIELD_NAME) {
                    return NOT_JSON;
                }
                int field = indexOf(parser.currentName());
                JsonToken valueToken = parser.nextToken();
                if (field < 0) {
                    parser.skipChildren();
                } else if (valueToken == JsonToken.VALUE_NULL) {
                    fields[field] = null;
                } else {
                    Object converted = convert(parser, valueToken, types[field]);
                    if (converted == null) {
                        wrong = true;
                        parser.skipChildren();
                    }
                    fields[field] = converted;
                }
            }
            if (parser.nextToken() != null) {
                return NOT_JSON;
            }
        } catch (IOException e) {
            return NOT_JSON;
        }
        if (wrong) {
            Arrays.fill(fields, null);
            return wrongType;
        }
        for (int i = 0; i < names.length; i++) {
            if (fields[i] == null) {
                return MISSING_FIELD + names[i];
            }
        }
        return null;
    }

    /** The category of a reason this parser gave; null for any other reason. */
    static RejectReason reasonOf(String reason) {
        if (reason.equals(EMPTY_VALUE)) {
            return RejectReason.EMPTY_VALUE;
        }
        if (reason.equals(NOT_JSON) || reason.equals(NOT_AN_OBJECT)) {
            return RejectReason.MALFORMED_JSON;
        }
        if (reason.startsWith(WRONG_TYPE)) {
            return RejectReason.WRONG_TYPE;
        }
        if (reason.startsWith(MISSING_FIELD)) {
            return RejectReason.MISSING_FIELD;
        }
        return reason.startsWith(TOO_LARGE) ? RejectReason.TOO_LARGE : null;
    }

    /** The value as the field's type, or null when it has another type. */
    private static Object convert(JsonParser parser, JsonToken token, DataType type) throws IOException {
        if (type.equals(DataTypes.StringType)) {
            return token.isScalarValue() ? parser.getText() : null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT) {
            return null;
        }
        try {
            return type.equals(DataTypes.LongType) ? (Object) parser.getLongValue() : (Object) parser.getIntValue();
        } catch (InputCoercionException outOfRange) {
            return null;
        }
    }

    private int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private JsonFactory factory() {
        if (factory == null) {
            factory = new JsonFactory();
        }
        return factory;
    }
}
