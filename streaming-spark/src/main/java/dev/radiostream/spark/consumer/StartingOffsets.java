package dev.radiostream.spark.consumer;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.logging.Logger;

/**
 * Where each partition of a topic starts, from the offsets a consumer stored and the partition's bounds in Kafka.
 * Spark wants every partition named, with -2 meaning earliest and -1 latest.
 */
final class StartingOffsets {

    static final long EARLIEST = -2;
    static final long LATEST = -1;
    private static final Logger LOG = Logger.getLogger(StartingOffsets.class);

    private StartingOffsets() {
    }

    /**
     * @param unknown        where a partition without a stored offset starts (EARLIEST or LATEST)
     * @param failOnDataLoss fail instead of skipping when a stored offset was removed by retention
     */
    static Map<String, Long> choose(String topic, List<Integer> partitions, Map<Integer, Long> stored,
            Map<Integer, Long> earliest, Map<Integer, Long> latest, long unknown, boolean failOnDataLoss) {
        Map<String, Long> start = new TreeMap<>();
        for (int partition : partitions) {
            Long next = stored.get(partition);
            long first = earliest.getOrDefault(partition, 0L);
            long end = latest.getOrDefault(partition, 0L);
            long chosen;
            if (next == null) {
                chosen = unknown;
            } else if (next < first) {
                if (failOnDataLoss) {
                    throw new IllegalStateException(String.format("stored offset %d of %s-%d is no longer in Kafka "
                            + "(earliest is %d) and consumer.fail-on-data-loss=true", next, topic, partition, first));
                }
                LOG.warnf("Stored offset %d of %s-%d was removed by retention: records %d to %d are lost; "
                        + "continuing from the earliest available offset %d", next, topic, partition, next, first - 1, first);
                chosen = EARLIEST;
            } else if (next > end) {
                LOG.warnf("Stored offset %d of %s-%d is past the end of the partition (%d): was the topic recreated? "
                        + "Continuing from the end", next, topic, partition, end);
                chosen = LATEST;
            } else {
                chosen = next;
            }
            start.put(Integer.toString(partition), chosen);
        }
        return start;
    }
}
