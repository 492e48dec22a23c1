package dev.radiostream.offsetadmin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.datastax.oss.driver.api.core.uuid.Uuids;

import dev.radiostream.core.kafka.KafkaAdmin;
import dev.radiostream.core.kafka.KafkaAdmin.UnknownTopicException;
import dev.radiostream.core.offsets.Heartbeat;
import dev.radiostream.core.offsets.Lease;
import dev.radiostream.core.offsets.KafkaOffsetStore;
import dev.radiostream.core.offsets.StoredOffset;

/**
 * What the commands and GET /offsets do, on the offset store (Cassandra) and Kafka. Input is checked before
 * anything is written ({@link BadInputException}); changes to a running consumer are refused unless forced
 * ({@link ConsumerRunningException}); every change is written to the audit log. The Kafka consumer group named
 * after the consumer, where the consumers mirror their stored offsets for Kafka's own tools, follows every change.
 */
@ApplicationScoped
public class OffsetService {

    private static final Logger LOG = Logger.getLogger(OffsetService.class);

    private final KafkaOffsetStore store;
    private final KafkaAdmin kafka;
    private final AuditLog audit;

    public OffsetService(KafkaOffsetStore store, KafkaAdmin kafka, AuditLog audit) {
        this.store = store;
        this.kafka = kafka;
        this.audit = audit;
    }

    /** The stored offsets with Kafka's bounds and the lag; consumer and topic narrow it down (null: all). */
    public List<OffsetRow> list(String consumer, String topic) {
        if (consumer != null) {
            requireKnownConsumer(consumer);
        }
        List<StoredOffset> stored = store.list(consumer, topic);
        Set<String> topics = new TreeSet<>(OffsetReport.topics(stored));
        if (topic != null) {
            topics.add(topic);
        }
        Map<String, TopicBounds> bounds = new LinkedHashMap<>();
        for (String name : topics) {
            findTopic(name).ifPresent(b -> bounds.put(name, b));
        }
        if (topic != null && !bounds.containsKey(topic) && stored.isEmpty()) {
            throw new BadInputException("unknown topic '" + topic + "': it does not exist in Kafka"
                    + (consumer == null ? " and no consumer has offsets stored for it" : " and consumer " + consumer
                            + " has no offsets stored for it"));
        }
        List<OffsetReport.ConsumerTopic> alsoShow = consumer != null && topic != null && bounds.containsKey(topic)
                ? List.of(new OffsetReport.ConsumerTopic(consumer, topic))
                : List.of();
        return OffsetReport.rows(stored, bounds, alsoShow);
    }

    /**
     * Plans a reset without writing anything.
     *
     * @param allowNewConsumer accept a consumer that has nothing stored, no heartbeat and no history yet
     */
    public ResetPlan planReset(String consumer, String topic, ResetTarget target, Collection<Integer> partitions,
            boolean allowNewConsumer) {
        requireName("consumer", consumer);
        requireName("topic", topic);
        if (!allowNewConsumer) {
            requireKnownConsumer(consumer);
        }
        TopicBounds bounds = findTopic(topic).orElseThrow(() -> new BadInputException("unknown topic '" + topic
                + "': it does not exist in Kafka" + knownTopicsHint()));
        Map<Integer, Long> stored = store.nextOffsets(consumer, topic);
        return ResetPlanner.plan(consumer, bounds, stored, target, partitions, time -> kafka.offsetsForTime(topic, time));
    }

    /**
     * Writes the plan's offsets (one atomic batch), then the audit rows. Refused while the consumer runs unless
     * forced. Returns the change id of the audit rows.
     */
    public UUID executeReset(ResetPlan plan, boolean force, String reason) {
        boolean forced = requireNotRunning(plan.consumer(), force);
        // The new offsets are for the topic as Kafka has it now (its id), even when it was deleted and created again.
        store.store(plan.consumer(), plan.topic(), kafka.topicId(plan.topic()), plan.newOffsets());
        try {
            kafka.commitGroupOffsets(plan.consumer(), plan.topic(), plan.newOffsets());
        } catch (RuntimeException e) {
            LOG.warnf("The new offsets are stored, but Kafka consumer group %s still shows the old ones (%s); "
                    + "the consumer commits its offsets there again when it starts", plan.consumer(), e.getMessage());
        }
        UUID changeId = Uuids.timeBased();
        Instant now = Instant.now();
        String operator = AuditLog.operator();
        List<AuditEntry> entries = new ArrayList<>();
        for (ResetPlan.Change change : plan.changes()) {
            entries.add(new AuditEntry(changeId, now, plan.consumer(), plan.topic(), change.partition(),
                    change.oldOffset(), change.newOffset(), "reset " + plan.target().describe(), forced, operator,
                    reason));
        }
        audit.record(entries);
        return changeId;
    }

    /** The stored offsets a delete would remove; a consumer (or topic) with nothing stored is bad input. */
    public List<StoredOffset> planDelete(String consumer, String topic) {
        requireName("consumer", consumer);
        if (topic != null) {
            requireName("topic", topic);
        }
        List<StoredOffset> stored = store.list(consumer, topic);
        if (stored.isEmpty()) {
            if (topic == null) {
                requireKnownConsumer(consumer);
                throw new BadInputException("consumer " + consumer + " has no stored offsets: nothing to delete");
            }
            List<StoredOffset> all = store.list(consumer, null);
            if (all.isEmpty()) {
                requireKnownConsumer(consumer);
                throw new BadInputException("consumer " + consumer + " has no stored offsets: nothing to delete");
            }
            throw new BadInputException("consumer " + consumer + " has no offsets stored for topic '" + topic
                    + "' (its topics: " + String.join(", ", OffsetReport.topics(all)) + ")");
        }
        return stored;
    }

    /** Deletes what {@link #planDelete} returned, then writes the audit rows (new offset empty). */
    public UUID executeDelete(String consumer, String topic, List<StoredOffset> planned, boolean force, String reason) {
        boolean forced = requireNotRunning(consumer, force);
        store.delete(consumer, topic);
        try {
            kafka.deleteGroupOffsets(consumer, topic);
        } catch (RuntimeException e) {
            LOG.warnf("The offsets are deleted, but Kafka consumer group %s still shows them (%s)", consumer,
                    e.getMessage());
        }
        UUID changeId = Uuids.timeBased();
        Instant now = Instant.now();
        String operator = AuditLog.operator();
        List<AuditEntry> entries = planned.stream().map(offset -> new AuditEntry(changeId, now, consumer, offset.topic(),
                offset.partition(), offset.nextOffset(), null, topic == null ? "delete" : "delete --topic " + topic,
                forced, operator, reason)).toList();
        audit.record(entries);
        return changeId;
    }

    /** The audit rows of a consumer, newest first, optionally of one topic. */
    public List<AuditEntry> history(String consumer, String topic) {
        requireName("consumer", consumer);
        List<AuditEntry> entries = audit.history(consumer);
        if (entries.isEmpty()) {
            requireKnownConsumer(consumer);
        }
        return topic == null ? entries : entries.stream().filter(e -> e.topic().equals(topic)).toList();
    }

    /** The consumer's heartbeat when it runs now. */
    public Optional<Heartbeat> heartbeat(String consumer) {
        return store.heartbeat(consumer);
    }

    /**
     * Refuses a change while the consumer runs, unless forced; then ends the consumer's lease before anything is
     * written: an owner that runs anyway (forced, or paused and not beating) finds its next offsets write refused,
     * so it cannot overwrite the operator's offsets; it restarts its query and reads from them.
     */
    private boolean requireNotRunning(String consumer, boolean force) {
        Optional<Heartbeat> running = store.heartbeat(consumer);
        if (running.isPresent() && !force) {
            throw new ConsumerRunningException(running.get());
        }
        store.fence(consumer);
        return running.isPresent();
    }

    /** Who owns the consumer id (the process that took its lease last), if any process ever did. */
    public Optional<Lease> owner(String consumer) {
        return store.lease(consumer);
    }

    /** A consumer is known when it has stored offsets, runs now, or has audit history (e.g. after a delete). */
    void requireKnownConsumer(String consumer) {
        requireName("consumer", consumer);
        if (!store.list(consumer, null).isEmpty() || store.heartbeat(consumer).isPresent() || audit.hasHistory(consumer)) {
            return;
        }
        Set<String> known = new TreeSet<>();
        store.list(null, null).forEach(offset -> known.add(offset.consumer()));
        throw new BadInputException("unknown consumer '" + consumer + "': no stored offsets, no heartbeat, no history"
                + (known.isEmpty() ? " (no consumer has stored offsets yet)"
                        : " (consumers with stored offsets: " + String.join(", ", known) + ")"));
    }

    private Optional<TopicBounds> findTopic(String topic) {
        try {
            List<Integer> partitions = kafka.partitions(topic);
            return Optional.of(new TopicBounds(topic, partitions, kafka.earliestOffsets(topic), kafka.latestOffsets(topic)));
        } catch (UnknownTopicException e) {
            return Optional.empty();
        }
    }

    private String knownTopicsHint() {
        Set<String> topics = new TreeSet<>(kafka.topics());
        topics.removeIf(t -> t.startsWith("__"));
        if (topics.isEmpty() || topics.size() > 20) {
            return "";
        }
        return " (topics: " + String.join(", ", topics) + ")";
    }

    private static void requireName(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new BadInputException(what + " must not be empty");
        }
    }
}
