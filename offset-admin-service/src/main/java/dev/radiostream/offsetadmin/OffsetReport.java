package dev.radiostream.offsetadmin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.radiostream.core.offsets.StoredOffset;

/**
 * The rows of {@code list}: the stored offsets joined with Kafka's bounds, with the lag. For every
 * consumer/topic with stored offsets, every partition Kafka has is shown (a partition without stored offset has
 * an empty next offset: the consumer starts it from its default). Pure logic.
 */
public final class OffsetReport {

    /** A consumer reading a topic. */
    public record ConsumerTopic(String consumer, String topic) {
    }

    private OffsetReport() {
    }

    /**
     * @param stored   stored offsets
     * @param kafka    bounds of the topics Kafka has (a topic missing here no longer exists in Kafka)
     * @param alsoShow consumer/topic pairs to show even without any stored offset
     */
    public static List<OffsetRow> rows(Collection<StoredOffset> stored, Map<String, TopicBounds> kafka,
            Collection<ConsumerTopic> alsoShow) {
        Map<ConsumerTopic, Map<Integer, StoredOffset>> byTopic = new HashMap<>();
        for (StoredOffset offset : stored) {
            byTopic.computeIfAbsent(new ConsumerTopic(offset.consumer(), offset.topic()), k -> new TreeMap<>())
                    .put(offset.partition(), offset);
        }
        alsoShow.forEach(pair -> byTopic.computeIfAbsent(pair, k -> new TreeMap<>()));

        List<OffsetRow> rows = new ArrayList<>();
        byTopic.forEach((pair, offsets) -> {
            TopicBounds bounds = kafka.get(pair.topic());
            Set<Integer> partitions = new TreeSet<>(offsets.keySet());
            if (bounds != null) {
                partitions.addAll(bounds.partitions());
            }
            for (int partition : partitions) {
                StoredOffset offset = offsets.get(partition);
                Long next = offset == null ? null : offset.nextOffset();
                Instant updated = offset == null ? null : offset.updatedAt();
                Long earliest = bounds != null && bounds.has(partition) ? bounds.earliest(partition) : null;
                Long latest = bounds != null && bounds.has(partition) ? bounds.latest(partition) : null;
                Long lag = next != null && latest != null ? latest - next : null;
                rows.add(new OffsetRow(pair.consumer(), pair.topic(), partition, next, earliest, latest, lag, updated));
            }
        });
        rows.sort(Comparator.comparing(OffsetRow::consumer).thenComparing(OffsetRow::topic)
                .thenComparingInt(OffsetRow::partition));
        return rows;
    }

    /** The distinct topics of the stored offsets, in order. */
    public static Set<String> topics(Collection<StoredOffset> stored) {
        Set<String> topics = new LinkedHashSet<>();
        stored.stream().map(StoredOffset::topic).sorted().forEach(topics::add);
        return topics;
    }
}
