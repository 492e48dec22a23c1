package dev.radiostream.bench.baseline;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

/** The baselines' records from and to their JSON values: a value the services would reject reads as null. */
final class JsonRecords {

    /** Largest value accepted, as the services' consumer.max-record-bytes default. */
    static final int MAX_VALUE_BYTES = 1_048_576;

    private JsonRecords() {
    }

    /** The record, or null for no value, a value over {@link #MAX_VALUE_BYTES}, or one that is not JSON of the type. */
    static <T> T read(ObjectReader reader, byte[] value) {
        if (value == null || value.length > MAX_VALUE_BYTES) {
            return null;
        }
        try {
            return reader.readValue(value);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static byte[] write(ObjectWriter writer, Object record) {
        try {
            return writer.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
