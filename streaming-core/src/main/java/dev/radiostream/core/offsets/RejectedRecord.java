package dev.radiostream.core.offsets;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A Kafka record a consumer could not use, and why. The value is kept cut to a size limit (a poison burst of
 * megabyte values must not fill the driver's memory or the dead-letter table); {@code valueBytes} and
 * {@code valueSha256} describe the whole original value, so the record can be found and compared in Kafka.
 *
 * @param key        the record's key as text, cut like the value; null when the record had none
 * @param timestamp  the record's Kafka timestamp; null when unknown
 * @param valueBytes length of the original value in bytes (0 for a record without value)
 * @param rawValue   the value as text, at most the policy's max value bytes of UTF-8; null for no value
 */
public record RejectedRecord(String topic, int partition, long offset, String key, Instant timestamp,
        int valueBytes, String valueSha256, String rawValue, String reason) implements Serializable {

    /** A rejected record from Kafka's raw bytes, cut to {@code maxValueBytes}. */
    public static RejectedRecord of(String topic, int partition, long offset, byte[] key, Instant timestamp,
            byte[] value, String reason, int maxValueBytes) {
        return new RejectedRecord(topic, partition, offset, cut(key, maxValueBytes), timestamp,
                value == null ? 0 : value.length, value == null ? null : sha256(value), cut(value, maxValueBytes),
                reason);
    }

    /** The first at most {@code maxBytes} bytes as text, never splitting a UTF-8 character. */
    static String cut(byte[] bytes, int maxBytes) {
        if (bytes == null) {
            return null;
        }
        int length = Math.min(bytes.length, maxBytes);
        // Step back over continuation bytes (10xxxxxx) so that the cut falls on a character boundary.
        while (length < bytes.length && length > 0 && (bytes[length] & 0xC0) == 0x80) {
            length--;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
