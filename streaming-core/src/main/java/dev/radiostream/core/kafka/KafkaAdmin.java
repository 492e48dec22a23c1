package dev.radiostream.core.kafka;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jboss.logging.Logger;

/**
 * The few Kafka admin operations the services need, each bounded by the configured request timeout.
 * The client is created on first use, so a service starts even when Kafka is not there yet.
 */
@ApplicationScoped
public class KafkaAdmin {

    private static final Logger LOG = Logger.getLogger(KafkaAdmin.class);

    private final KafkaSettings settings;
    private Admin admin;

    public KafkaAdmin(KafkaSettings settings) {
        this.settings = settings;
    }

    /**
     * Creates the topic unless it exists, replicated as kafka.topic-replication-factor says (one setting for every
     * topic a service creates). Returns true when it was created.
     */
    public boolean ensureTopic(String topic, int partitions) {
        short replicationFactor = settings.topicReplicationFactor();
        try {
            await(client().createTopics(List.of(new NewTopic(topic, partitions, replicationFactor))).all());
            LOG.infof("Created topic %s with %d partitions, replication factor %d", topic, partitions, replicationFactor);
            return true;
        } catch (KafkaAdminException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw e;
        }
    }

    /** The topic's partition numbers; throws {@link UnknownTopicException} when it does not exist. */
    public List<Integer> partitions(String topic) {
        return describe(topic).partitions().stream().map(p -> p.partition()).sorted().toList();
    }

    /**
     * The topic's id (Kafka's topic UUID): a topic deleted and created again under the same name has a new one, so
     * offsets stored for the old topic are recognised as such. Throws {@link UnknownTopicException} when missing.
     */
    public String topicId(String topic) {
        return describe(topic).topicId().toString();
    }

    private TopicDescription describe(String topic) {
        try {
            return await(client().describeTopics(List.of(topic)).allTopicNames()).get(topic);
        } catch (KafkaAdminException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new UnknownTopicException(topic);
            }
            throw e;
        }
    }

    public Set<String> topics() {
        return await(client().listTopics().names());
    }

    /** Earliest offset still available in each partition (retention may have removed older ones). */
    public Map<Integer, Long> earliestOffsets(String topic) {
        return offsets(topic, p -> OffsetSpec.earliest());
    }

    /** The offset the next produced record will get in each partition. */
    public Map<Integer, Long> latestOffsets(String topic) {
        return offsets(topic, p -> OffsetSpec.latest());
    }

    /**
     * The first offset whose record timestamp is at or after the given time, per partition;
     * partitions with no such record get their latest offset (as kafka-consumer-groups does).
     */
    public Map<Integer, Long> offsetsForTime(String topic, Instant time) {
        Map<Integer, Long> byTime = offsets(topic, p -> OffsetSpec.forTimestamp(time.toEpochMilli()));
        Map<Integer, Long> latest = latestOffsets(topic);
        return byTime.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue() < 0 ? latest.get(e.getKey()) : e.getValue()));
    }

    /**
     * Commits next offsets to the Kafka consumer group {@code group}, so that Kafka's own tools
     * (kafka-consumer-groups --describe) show where the consumer is and its lag. Our services never join the
     * group (Spark reads with its own group ids): it has no members, and so may be altered at any time.
     */
    public void commitGroupOffsets(String group, String topic, Map<Integer, Long> nextOffsets) {
        Map<TopicPartition, OffsetAndMetadata> offsets = nextOffsets.entrySet().stream().collect(Collectors.toMap(
                e -> new TopicPartition(topic, e.getKey()), e -> new OffsetAndMetadata(e.getValue())));
        await(client().alterConsumerGroupOffsets(group, offsets).all());
    }

    /** The next offsets committed in the consumer group {@code group} for one topic; empty when it has none. */
    public Map<Integer, Long> groupOffsets(String group, String topic) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                await(client().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        return committed.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
    }

    /**
     * Removes the committed offsets of the consumer group {@code group}: of one topic, or (topic null) the whole
     * group. A group that does not exist has nothing to remove.
     */
    public void deleteGroupOffsets(String group, String topic) {
        try {
            if (topic == null) {
                await(client().deleteConsumerGroups(List.of(group)).all());
                return;
            }
            Set<TopicPartition> partitions = groupOffsets(group, topic).keySet().stream()
                    .map(p -> new TopicPartition(topic, p)).collect(Collectors.toSet());
            if (!partitions.isEmpty()) {
                await(client().deleteConsumerGroupOffsets(group, partitions).all());
            }
        } catch (KafkaAdminException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
    }

    /** Checks the broker answers; used by readiness. */
    public String clusterId() {
        return await(client().describeCluster().clusterId());
    }

    private Map<Integer, Long> offsets(String topic, Function<Integer, OffsetSpec> spec) {
        Map<TopicPartition, OffsetSpec> request = partitions(topic).stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p), spec));
        return await(client().listOffsets(request).all()).entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
    }

    private <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaAdminException(e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaAdminException(new TimeoutException("Kafka at " + settings.bootstrapServers()
                    + " did not answer within " + settings.requestTimeout().toSeconds() + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAdminException(e);
        }
    }

    private synchronized Admin client() {
        if (admin == null) {
            Properties props = new Properties();
            props.putAll(settings.clientProperties());
            int timeoutMs = (int) settings.requestTimeout().toMillis();
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
            // Do not flood the log with reconnect attempts while Kafka is down.
            props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10_000);
            admin = Admin.create(props);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
            admin = null;
        }
    }

    /** A Kafka admin request failed; the message says why in one line. */
    public static class KafkaAdminException extends RuntimeException {
        KafkaAdminException(Throwable cause) {
            super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        }
    }

    public static class UnknownTopicException extends RuntimeException {
        public UnknownTopicException(String topic) {
            super("topic " + topic + " does not exist");
        }
    }
}
