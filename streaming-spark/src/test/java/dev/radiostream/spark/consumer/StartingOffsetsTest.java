package dev.radiostream.spark.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Choosing where each partition starts from the stored offsets and Kafka's bounds. */
class StartingOffsetsTest {

    private static final Map<Integer, Long> EARLIEST = Map.of(0, 0L, 1, 100L, 2, 0L, 3, 0L);
    private static final Map<Integer, Long> LATEST = Map.of(0, 50L, 1, 500L, 2, 10L, 3, 0L);

    @Test
    void storedOffsetsWinUnknownPartitionsTakeTheDefault() {
        Map<String, Long> start = StartingOffsets.choose("t", List.of(0, 1, 2, 3), Map.of(0, 42L, 1, 100L, 2, 10L),
                EARLIEST, LATEST, StartingOffsets.EARLIEST, false);
        assertEquals(Map.of("0", 42L, "1", 100L, "2", 10L, "3", -2L), start);
    }

    @Test
    void anOffsetRemovedByRetentionContinuesFromTheEarliest() {
        Map<String, Long> start = StartingOffsets.choose("t", List.of(1), Map.of(1, 60L), EARLIEST, LATEST,
                StartingOffsets.EARLIEST, false);
        assertEquals(Map.of("1", -2L), start);
    }

    @Test
    void anOffsetRemovedByRetentionFailsWhenAskedTo() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> StartingOffsets.choose("t",
                List.of(1), Map.of(1, 60L), EARLIEST, LATEST, StartingOffsets.EARLIEST, true));
        assertEquals("stored offset 60 of t-1 is no longer in Kafka (earliest is 100) and consumer.fail-on-data-loss=true",
                error.getMessage());
    }

    @Test
    void anOffsetPastTheEndStartsAtTheEnd() {
        assertEquals(Map.of("2", -1L), StartingOffsets.choose("t", List.of(2), Map.of(2, 99L), EARLIEST, LATEST,
                StartingOffsets.EARLIEST, false));
    }

    @Test
    void latestAsTheDefault() {
        assertEquals(Map.of("0", -1L), StartingOffsets.choose("t", List.of(0), Map.of(), EARLIEST, LATEST,
                StartingOffsets.LATEST, false));
    }
}
