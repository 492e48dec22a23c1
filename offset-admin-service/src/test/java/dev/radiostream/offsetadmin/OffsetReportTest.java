package dev.radiostream.offsetadmin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.radiostream.core.offsets.StoredOffset;

class OffsetReportTest {

    private static final Instant T = Instant.parse("2024-05-01T12:00:00Z");

    @Test
    void joinsStoredOffsetsWithKafkaBoundsAndComputesLag() {
        List<StoredOffset> stored = List.of(
                new StoredOffset("b", "t", 1, 30, T),
                new StoredOffset("a", "t", 0, 5, T));
        TopicBounds t = new TopicBounds("t", List.of(0, 1, 2), Map.of(0, 0L, 1, 10L, 2, 0L), Map.of(0, 8L, 1, 50L, 2, 4L));
        List<OffsetRow> rows = OffsetReport.rows(stored, Map.of("t", t), List.of());
        assertEquals(List.of(
                new OffsetRow("a", "t", 0, 5L, 0L, 8L, 3L, T),
                new OffsetRow("a", "t", 1, null, 10L, 50L, null, null),
                new OffsetRow("a", "t", 2, null, 0L, 4L, null, null),
                new OffsetRow("b", "t", 0, null, 0L, 8L, null, null),
                new OffsetRow("b", "t", 1, 30L, 10L, 50L, 20L, T),
                new OffsetRow("b", "t", 2, null, 0L, 4L, null, null)), rows);
    }

    @Test
    void topicGoneFromKafkaStillShowsTheStoredOffsets() {
        List<OffsetRow> rows = OffsetReport.rows(List.of(new StoredOffset("a", "gone", 0, 5, T)), Map.of(), List.of());
        assertEquals(List.of(new OffsetRow("a", "gone", 0, 5L, null, null, null, T)), rows);
    }

    @Test
    void requestedPairWithoutStoredOffsetsShowsKafkaPartitions() {
        TopicBounds t = new TopicBounds("t", List.of(0), Map.of(0, 0L), Map.of(0, 8L));
        List<OffsetRow> rows = OffsetReport.rows(List.of(), Map.of("t", t),
                List.of(new OffsetReport.ConsumerTopic("a", "t")));
        assertEquals(List.of(new OffsetRow("a", "t", 0, null, 0L, 8L, null, null)), rows);
    }
}
