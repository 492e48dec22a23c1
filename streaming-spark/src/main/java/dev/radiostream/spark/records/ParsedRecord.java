package dev.radiostream.spark.records;

import org.apache.spark.unsafe.types.UTF8String;

/**
 * The fields of one parsed Kafka value, by name: what a consumer's {@link KafkaRecords.Rule}s look at. Rules
 * judge only values that parsed with every field present, so no getter here returns null.
 */
public final class ParsedRecord {

    private final JsonValueParser parser;
    private final Object[] values;

    ParsedRecord(JsonValueParser parser, Object[] values) {
        this.parser = parser;
        this.values = values;
    }

    /** A string field. */
    public String string(String name) {
        Object value = values[parser.fieldIndex(name)];
        // Spark's UTF8String comes from the parse function's fast path; a number here fails (a rule misreading the
        // schema).
        return value instanceof UTF8String utf8 ? utf8.toString() : (String) value;
    }

    /** A bigint or int field. */
    public long number(String name) {
        return ((Number) values[parser.fieldIndex(name)]).longValue();
    }

    /** The length of a string field in UTF-8 bytes (as Spark's octet_length), counted without encoding it. */
    public int utf8Length(String name) {
        Object value = values[parser.fieldIndex(name)];
        if (value instanceof UTF8String utf8) {
            return utf8.numBytes();
        }
        String text = (String) value;
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4; // one code point beyond the BMP: four bytes for the pair
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1; // unpaired: encoded as '?', as String.getBytes (hence Spark) does
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
