package dev.radiostream.spark.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.radiostream.spark.records.RejectReason;

/**
 * Lag per partition: Kafka's end offset minus the stored next offset, unknown until both are known; the counts of
 * a batch and the rejects by reason.
 */
class ConsumerMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConsumerMetrics metrics = new ConsumerMetrics(registry);

    private double lag(int partition) {
        return registry.get("consumer.lag").tag("consumer", "c").tag("topic", "t")
                .tag("partition", Integer.toString(partition)).gauge().value();
    }

    @Test
    void lagIsEndOffsetMinusStoredNextOffset() {
        metrics.track("c", "t");
        metrics.nextOffsetsLoaded(Map.of(0, 10L, 1, 4L));
        metrics.endOffsets(Map.of(0, 15L, 1, 4L, 2, 7L));
        assertEquals(5.0, lag(0));
        assertEquals(0.0, lag(1));
        assertTrue(Double.isNaN(lag(2)), "no stored offset yet: unknown, as Kafka's tool shows '-'");

        metrics.nextOffsetsStored(Map.of(0, 15L, 1, 4L, 2, 7L));
        assertEquals(0.0, lag(0));
        assertEquals(0.0, lag(2));
        double age = registry.get("consumer.offsets.stored.age").gauge().value();
        assertTrue(age >= 0 && age < 5, "stored just now: " + age);
    }

    @Test
    void countsOfABatch() {
        metrics.track("c", "t");
        metrics.batch("song_counts", 12, 9);
        assertEquals(12.0, registry.get("consumer.records.in").counter().count());
        assertEquals(9.0, registry.get("consumer.records.written").tag("sink", "song_counts").counter().count());
    }

    @Test
    void rejectsAreCountedByReasonEveryReasonShownFromTheStart() {
        metrics.track("c", "t");
        metrics.rejected(RejectReason.MALFORMED_JSON, 2);
        metrics.rejected(RejectReason.REFUSED_BY_SINK, 1);
        assertEquals(RejectReason.values().length, registry.get("consumer.records.rejected").counters().size());
        assertEquals(2.0, rejected("malformed_json"));
        assertEquals(1.0, rejected("refused_by_sink"));
        assertEquals(0.0, rejected("missing_field"));
    }

    private double rejected(String reason) {
        return registry.get("consumer.records.rejected").tag("reason", reason).counter().count();
    }
}
