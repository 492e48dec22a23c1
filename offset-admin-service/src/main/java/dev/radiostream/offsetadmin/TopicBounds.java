package dev.radiostream.offsetadmin;

import java.util.List;
import java.util.Map;

/**
 * A topic as Kafka has it now: its partitions and, per partition, the earliest offset still there and the
 * latest offset (the one the next record will get).
 */
public record TopicBounds(String topic, List<Integer> partitions, Map<Integer, Long> earliest, Map<Integer, Long> latest) {

    public TopicBounds {
        partitions = List.copyOf(partitions);
        earliest = Map.copyOf(earliest);
        latest = Map.copyOf(latest);
    }

    public boolean has(int partition) {
        return partitions.contains(partition);
    }

    public long earliest(int partition) {
        return bound(earliest, partition, "earliest");
    }

    public long latest(int partition) {
        return bound(latest, partition, "latest");
    }

    /** "0-2" for the usual contiguous partitions, else "0, 2, 5". */
    public String describePartitions() {
        if (partitions.isEmpty()) {
            return "none";
        }
        int first = partitions.get(0);
        int last = partitions.get(partitions.size() - 1);
        if (last - first + 1 == partitions.size()) {
            return first == last ? String.valueOf(first) : first + "-" + last;
        }
        return String.join(", ", partitions.stream().map(String::valueOf).toList());
    }

    private long bound(Map<Integer, Long> offsets, int partition, String which) {
        Long offset = offsets.get(partition);
        if (offset == null) {
            throw new IllegalStateException("Kafka gave no " + which + " offset for " + topic + "-" + partition);
        }
        return offset;
    }
}
