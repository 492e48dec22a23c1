package dev.radiostream.core.offsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RejectedRecordTest {

    private static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void aLargeValueIsCutButItsLengthAndHashDescribeTheWhole() {
        byte[] value = "x".repeat(1_000_000).getBytes(StandardCharsets.UTF_8);

        RejectedRecord record = RejectedRecord.of("t", 2, 40, "k".getBytes(StandardCharsets.UTF_8), AT, value,
                "not valid JSON", 4096);

        assertEquals(4096, record.rawValue().length());
        assertEquals(1_000_000, record.valueBytes());
        assertEquals(RejectedRecord.sha256(value), record.valueSha256());
        assertEquals(64, record.valueSha256().length());
        assertEquals("k", record.key());
        assertEquals(AT, record.timestamp());
    }

    @Test
    void aSmallValueIsKeptWhole() {
        RejectedRecord record = RejectedRecord.of("t", 0, 1, null, null, "{\"a\":".getBytes(StandardCharsets.UTF_8),
                "not valid JSON", 4096);

        assertEquals("{\"a\":", record.rawValue());
        assertEquals(5, record.valueBytes());
        assertNull(record.key());
    }

    @Test
    void aRecordWithoutValueKeepsNone() {
        RejectedRecord record = RejectedRecord.of("t", 0, 1, null, AT, null, "empty value", 4096);

        assertNull(record.rawValue());
        assertNull(record.valueSha256());
        assertEquals(0, record.valueBytes());
    }

    @Test
    void theCutNeverSplitsAUtf8Character() {
        // "é" is 2 bytes and "🎵" 4: a cut inside either steps back to the character's start.
        byte[] value = "aé🎵b".getBytes(StandardCharsets.UTF_8);

        assertEquals("a", RejectedRecord.cut(value, 2));
        assertEquals("aé", RejectedRecord.cut(value, 3));
        assertEquals("aé", RejectedRecord.cut(value, 6));
        assertEquals("aé🎵", RejectedRecord.cut(value, 7));
        assertEquals("aé🎵b", RejectedRecord.cut(value, 100));
        assertEquals("", RejectedRecord.cut(value, 0));
    }

    @Test
    void aPolicyOutOfRangeIsRefusedWithItsName() {
        assertEquals(2_592_000, new DeadLetterPolicy(4096, Duration.ofDays(30), 64).ttlSeconds());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DeadLetterPolicy(-1, Duration.ZERO, 1))
                .getMessage().contains("max value bytes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DeadLetterPolicy(1, Duration.ofSeconds(-1), 1))
                .getMessage().contains("TTL"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DeadLetterPolicy(1, Duration.ZERO, 0))
                .getMessage().contains("in flight"));
    }
}
