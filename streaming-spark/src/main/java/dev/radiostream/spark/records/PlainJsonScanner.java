package dev.radiostream.spark.records;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The fast path of {@link JsonValueParser}: reads, straight from the bytes, the shape nearly every value has: one
 * flat object holding each schema field once, strings of plain ASCII without escapes, integers in plain notation.
 * Anything else (an unknown or repeated field, an escape, a non-ASCII byte, a fraction, a null, a missing field,
 * malformed JSON) makes it give up, and the value goes to Jackson, which decides it and names the reason. So it only
 * ever accepts values Jackson reads to the same fields; it never rejects one.
 * <p>
 * Why: Jackson's set-up per value (a parser, its context, the name table) and its char decoding cost more than
 * the scan itself, and for Spark each string was then encoded back to UTF-8 ({@link UTF8String}); here an ASCII
 * string is one array copy (JFR, Elasticsearch song counts: the parse was a quarter of the task threads' samples).
 */
final class PlainJsonScanner implements Serializable {

    private static final long serialVersionUID = 1L;
    /** An integer with at most this many digits cannot overflow a long. */
    private static final int MAX_SAFE_DIGITS = 18;
    /** Longer strings go to Jackson, which has its own limit (StreamReadConstraints, 20,000,000 chars by default). */
    private static final int MAX_STRING_BYTES = 1 << 20;

    private final byte[][] names;
    private final DataType[] types;

    /** A scanner for a flat schema of string, bigint and int fields (as {@link JsonValueParser} checks). */
    PlainJsonScanner(StructType schema) {
        String[] fieldNames = schema.fieldNames();
        this.names = new byte[fieldNames.length][];
        this.types = new DataType[fieldNames.length];
        for (int i = 0; i < fieldNames.length; i++) {
            this.names[i] = fieldNames[i].getBytes(StandardCharsets.UTF_8);
            this.types[i] = schema.fields()[i].dataType();
        }
    }

    /**
     * Reads {@code value} into {@code fields} (all null on entry; strings as {@link UTF8String} when
     * {@code sparkStrings}, else as {@link String}) and returns true; or returns false when the value needs the
     * full parser (then {@code fields} may hold some values: the caller clears them).
     */
    boolean scan(byte[] value, Object[] fields, boolean sparkStrings) {
        int end = value.length;
        int at = skipSpaces(value, 0);
        if (at >= end || value[at] != '{') {
            return false;
        }
        int seen = 0;
        while (true) {
            at = skipSpaces(value, at + 1);
            if (at >= end || value[at] != '"') {
                return false;
            }
            int nameEnd = plainStringEnd(value, at + 1);
            if (nameEnd < 0) {
                return false;
            }
            int field = fieldNamed(value, at + 1, nameEnd);
            if (field < 0 || fields[field] != null) {
                return false;
            }
            at = skipSpaces(value, nameEnd + 1);
            if (at >= end || value[at] != ':') {
                return false;
            }
            at = skipSpaces(value, at + 1);
            if (at >= end) {
                return false;
            }
            if (types[field].equals(DataTypes.StringType)) {
                if (value[at] != '"') {
                    return false;
                }
                int stringEnd = plainStringEnd(value, at + 1);
                if (stringEnd < 0 || stringEnd - at - 1 > MAX_STRING_BYTES) {
                    return false;
                }
                // The bytes are ASCII, so decoding them as Latin-1 is an exact (and the cheapest) copy.
                fields[field] = sparkStrings ? UTF8String.fromBytes(Arrays.copyOfRange(value, at + 1, stringEnd))
                        : new String(value, at + 1, stringEnd - at - 1, StandardCharsets.ISO_8859_1);
                at = stringEnd + 1;
            } else {
                at = readInteger(value, at, fields, field);
                if (at < 0) {
                    return false;
                }
            }
            seen++;
            at = skipSpaces(value, at);
            if (at >= end) {
                return false;
            }
            if (value[at] == '}') {
                return skipSpaces(value, at + 1) == end && seen == names.length;
            }
            if (value[at] != ',') {
                return false;
            }
        }
    }

    /** Reads a plain integer at {@code at} into the field; returns the index after it, or -1 to give up. */
    private int readInteger(byte[] value, int at, Object[] fields, int field) {
        boolean negative = value[at] == '-';
        int digits = negative ? at + 1 : at;
        int stop = digits;
        long number = 0;
        while (stop < value.length && value[stop] >= '0' && value[stop] <= '9') {
            number = number * 10 + (value[stop] - '0');
            stop++;
        }
        int count = stop - digits;
        // No digit, too many for a long, a leading zero, or a fraction or exponent next: Jackson decides.
        if (count == 0 || count > MAX_SAFE_DIGITS || (count > 1 && value[digits] == '0')) {
            return -1;
        }
        if (stop < value.length && (value[stop] == '.' || value[stop] == 'e' || value[stop] == 'E')) {
            return -1;
        }
        number = negative ? -number : number;
        if (types[field].equals(DataTypes.LongType)) {
            fields[field] = number;
        } else if (number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE) {
            fields[field] = (int) number;
        } else {
            return -1;
        }
        return stop;
    }

    /**
     * The index of the closing quote of a string starting at {@code from}, or -1 when it holds anything but ASCII
     * 0x20-0x7F other than a backslash (or is not closed).
     */
    private static int plainStringEnd(byte[] value, int from) {
        for (int i = from; i < value.length; i++) {
            byte b = value[i];
            if (b == '"') {
                return i;
            }
            // Negative: a non-ASCII byte; below 0x20: a control character JSON does not allow unescaped.
            if (b == '\\' || b < 0x20) {
                return -1;
            }
        }
        return -1;
    }

    /** The schema field whose name is exactly bytes [from, to), or -1. */
    private int fieldNamed(byte[] value, int from, int to) {
        for (int i = 0; i < names.length; i++) {
            if (Arrays.equals(names[i], 0, names[i].length, value, from, to)) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first byte at or after {@code from} that is not JSON white space. */
    private static int skipSpaces(byte[] value, int from) {
        int i = from;
        while (i < value.length && (value[i] == ' ' || value[i] == '\n' || value[i] == '\r' || value[i] == '\t')) {
            i++;
        }
        return i;
    }
}
