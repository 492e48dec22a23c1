package dev.radiostream.offsetadmin;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a reset will write: per partition the stored next offset now (null: none stored, the consumer starts
 * from its default) and the new one, with Kafka's bounds at planning time and the warnings (clamping).
 */
public record ResetPlan(String consumer, String topic, ResetTarget target, List<Change> changes, List<String> warnings) {

    public ResetPlan {
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }

    /** One partition of the plan. */
    public record Change(int partition, Long oldOffset, long newOffset, long earliestOffset, long latestOffset,
            boolean clamped) {

        /** False when the partition already has exactly this offset stored. */
        public boolean changes() {
            return oldOffset == null || oldOffset != newOffset;
        }
    }

    /** The offsets to store: partition -> new next offset. */
    public Map<Integer, Long> newOffsets() {
        Map<Integer, Long> offsets = new TreeMap<>();
        changes.forEach(change -> offsets.put(change.partition(), change.newOffset()));
        return offsets;
    }
}
