package dev.radiostream.offsetadmin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import dev.radiostream.offsetadmin.ResetTarget.ShiftBy;
import dev.radiostream.offsetadmin.ResetTarget.ToDatetime;
import dev.radiostream.offsetadmin.ResetTarget.ToEarliest;
import dev.radiostream.offsetadmin.ResetTarget.ToLatest;
import dev.radiostream.offsetadmin.ResetTarget.ToOffset;

/**
 * Computes a reset plan (old -> new next offset per partition) from the stored offsets, Kafka's current bounds
 * and the chosen target, with the semantics of kafka-consumer-groups --reset-offsets: a target outside
 * [earliest, latest] is clamped into it, with a warning. Pure logic: no server is asked anything here except
 * through the offsets-for-time function, called only for --to-datetime.
 */
public final class ResetPlanner {

    private ResetPlanner() {
    }

    /**
     * @param stored          the consumer's stored next offsets of this topic (partition -> offset)
     * @param partitions      the partitions to reset; empty means all partitions of the topic
     * @param offsetsForTime  Kafka's offsets-for-times: partition -> first offset at or after the time
     * @throws BadInputException for a partition the topic does not have or a negative --to-offset
     */
    public static ResetPlan plan(String consumer, TopicBounds bounds, Map<Integer, Long> stored, ResetTarget target,
            Collection<Integer> partitions, Function<Instant, Map<Integer, Long>> offsetsForTime) {
        List<Integer> selected = select(bounds, partitions);
        if (target instanceof ToOffset toOffset && toOffset.offset() < 0) {
            throw new BadInputException("--to-offset must be 0 or more, not " + toOffset.offset());
        }
        Map<Integer, Long> byTime = target instanceof ToDatetime toDatetime
                ? offsetsForTime.apply(toDatetime.time())
                : Map.of();
        List<ResetPlan.Change> changes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int partition : selected) {
            Long old = stored.get(partition);
            long earliest = bounds.earliest(partition);
            long latest = bounds.latest(partition);
            long wanted;
            if (target instanceof ToEarliest) {
                wanted = earliest;
            } else if (target instanceof ToLatest) {
                wanted = latest;
            } else if (target instanceof ToOffset toOffset) {
                wanted = toOffset.offset();
            } else if (target instanceof ShiftBy shift) {
                long base = old != null ? old : earliest;
                if (old == null) {
                    warnings.add("partition " + partition + ": no stored offset, shifting from the earliest offset " + earliest);
                }
                wanted = saturatedAdd(base, shift.delta());
            } else if (target instanceof ToDatetime) {
                Long found = byTime.get(partition);
                wanted = found == null || found < 0 ? latest : found;
            } else {
                throw new IllegalArgumentException("unknown reset target " + target);
            }
            long next = wanted;
            if (wanted < earliest) {
                next = earliest;
                warnings.add("partition " + partition + ": target offset " + wanted + " is before the earliest offset "
                        + earliest + " in Kafka; clamped to " + earliest);
            } else if (wanted > latest) {
                next = latest;
                warnings.add("partition " + partition + ": target offset " + wanted + " is after the latest offset "
                        + latest + " in Kafka; clamped to " + latest);
            }
            changes.add(new ResetPlan.Change(partition, old, next, earliest, latest, next != wanted));
        }
        return new ResetPlan(consumer, bounds.topic(), target, changes, warnings);
    }

    private static List<Integer> select(TopicBounds bounds, Collection<Integer> partitions) {
        if (partitions == null || partitions.isEmpty()) {
            return bounds.partitions();
        }
        TreeSet<Integer> selected = new TreeSet<>(partitions);
        for (int partition : selected) {
            if (!bounds.has(partition)) {
                throw new BadInputException("partition " + partition + " does not exist in topic " + bounds.topic()
                        + " (partitions " + bounds.describePartitions() + ")");
            }
        }
        return List.copyOf(selected);
    }

    private static long saturatedAdd(long base, long delta) {
        try {
            return Math.addExact(base, delta);
        } catch (ArithmeticException e) {
            return delta > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }
}
