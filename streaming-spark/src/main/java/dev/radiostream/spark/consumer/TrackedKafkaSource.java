package dev.radiostream.spark.consumer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.radiostream.core.health.Messages;
import dev.radiostream.core.kafka.KafkaAdmin;
import dev.radiostream.core.kafka.KafkaSettings;
import dev.radiostream.core.offsets.ConsumerLease;
import dev.radiostream.core.offsets.KafkaOffsetStore;

/**
 * A Kafka topic read from where the consumer's offsets in Cassandra say, and those offsets kept up to date:
 * <ul>
 * <li>{@link #open} builds Spark's startingOffsets from the kafka_offsets table (every partition named;
 * unknown partitions start at the configured default; offsets removed by retention are handled);</li>
 * <li>{@link #commit} stores, after a micro-batch's data is written, the next offset of every partition, and
 * retries until stored when the offsets table cannot be written;</li>
 * <li>once stored, the same next offsets are committed to the Kafka consumer group named after the consumer, so
 * that Kafka's own tools show its position and lag (Cassandra stays the source of truth; a failed group commit is
 * logged and made again with the next batch);</li>
 * <li>while open, the consumer beats in consumer_heartbeats so offset-admin knows it is running.</li>
 * <li>one owner per consumer id: {@link #open} takes the consumer's lease first (or fails, naming the owner, and
 * the query lifecycle tries again with back-off: the process waits); offsets are stored only under the lease's
 * epoch; once the lease is lost (not renewed in time and taken by another process) nothing more is stored and the
 * query is stopped through {@link #onLeaseLost}.</li>
 * </ul>
 * Spark's checkpoint is deliberately not used for offsets: each start uses a fresh temporary checkpoint.
 */
@ApplicationScoped
public class TrackedKafkaSource {

    private static final Logger LOG = Logger.getLogger(TrackedKafkaSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RETRY_INITIAL = Duration.ofSeconds(1);
    private static final Duration RETRY_MAX = Duration.ofSeconds(10);

    private final KafkaAdmin admin;
    private final KafkaSettings kafka;
    private final KafkaOffsetStore offsets;
    private final ConsumerSettings settings;
    private final ConsumerMetrics metrics;

    private ScheduledExecutorService heartbeat;
    private ScheduledExecutorService executor;
    private volatile PendingOffsets pending;
    private volatile Instant pendingSince;
    private volatile String pendingError;
    private volatile long storedBatchId = -1;
    private int retries;
    private boolean retryScheduled;
    private volatile String consumer;
    private volatile String topic;
    private volatile Map<Integer, Long> committed = Map.of();
    private volatile Map<Integer, Long> inConsumerGroup = Map.of();
    private volatile ConsumerLease lease;
    private volatile String leaseLost;
    private volatile String halted;
    private volatile String topicId;
    private volatile Runnable onLeaseLost = () -> { };
    private java.util.concurrent.ScheduledFuture<?> renewal;

    public TrackedKafkaSource(KafkaAdmin admin, KafkaSettings kafka, KafkaOffsetStore offsets, ConsumerSettings settings,
            ConsumerMetrics metrics) {
        this.admin = admin;
        this.metrics = metrics;
        this.kafka = kafka;
        this.offsets = offsets;
        this.settings = settings;
    }

    /**
     * The raw Kafka rows (key, value, topic, partition, offset, timestamp, ...) of the topic for this consumer.
     *
     * @param splittable whether a Kafka partition's records may be read by several tasks (consumer.min-partitions);
     *                   false where a sink relies on a key's records staying in one task
     */
    public Dataset<Row> open(SparkSession spark, String consumerId, String topicName, boolean splittable) {
        this.consumer = consumerId;
        this.topic = topicName;
        metrics.track(consumerId, topicName);
        acquireLease(consumerId);
        admin.ensureTopic(topicName, settings.topicPartitions());
        String startingOffsets = startingOffsetsJson(consumerId, topicName);
        LOG.infof("Consumer %s reads %s from %s (client properties %s)", consumerId, topicName, startingOffsets,
                kafka.consumer());
        DataStreamReader reader = spark.readStream().format("kafka")
                .option("subscribe", topicName)
                .option("startingOffsets", startingOffsets)
                .option("failOnDataLoss", settings.failOnDataLoss())
                .option("maxOffsetsPerTrigger", settings.maxOffsetsPerTrigger());
        if (splittable) {
            settings.minPartitions().ifPresent(min -> reader.option("minPartitions", min));
        }
        // Connection and security properties, then the consumer's own (fetch sizes, ...), to Spark's Kafka consumer.
        kafka.clientProperties().forEach((key, value) -> reader.option("kafka." + key, value));
        kafka.consumer().forEach((key, value) -> reader.option("kafka." + key, value));
        startHeartbeat();
        // The group shows where the consumer resumes from, even before its first batch (e.g. after a reset).
        commitToConsumerGroup(committed);
        return reader.load();
    }

    /**
     * Stores the next offsets that a finished micro-batch reached (its Kafka source's end offsets). A failed
     * write is not dropped: it is retried with back-off until stored (a newer batch's offsets replace it), and
     * readiness reports it while it stays pending longer than consumer.offsets-pending-limit.
     */
    public void commit(StreamingQueryProgress progress) {
        for (SourceProgress source : progress.sources()) {
            metrics.endOffsets(endOffsets(source.latestOffset(), topic));
            Map<Integer, Long> next = endOffsets(source.endOffset(), topic);
            if (!next.isEmpty() && !next.equals(committed)) {
                store(new PendingOffsets(progress.batchId(), next));
            } else if (!next.isEmpty()) {
                commitToConsumerGroup(committed); // a no-op unless an earlier group commit failed
            }
        }
    }

    /** Takes the consumer's lease (or keeps ours), and renews it from now on; throws, naming the owner, if held. */
    private synchronized void acquireLease(String consumerId) {
        if (lease == null || !lease.consumer().equals(consumerId)) {
            lease = new ConsumerLease(offsets, consumerId, settings.leaseTtl(), Clock.systemUTC());
        }
        lease.acquire();
        leaseLost = null;
        halted = null;
        LOG.infof("Consumer %s owned by this process (epoch %d, lease %s, renewed every %s)", consumerId,
                lease.epoch().orElse(-1L), settings.leaseTtl(), renewEvery());
        if (renewal == null) {
            long every = renewEvery().toMillis();
            renewal = executor().scheduleWithFixedDelay(this::renewLease, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private Duration renewEvery() {
        return dev.radiostream.core.offsets.LeaseDecisions.renewEvery(settings.leaseTtl());
    }

    private void renewLease() {
        ConsumerLease current = lease;
        if (current == null || current.epoch().isEmpty()) {
            return;
        }
        try {
            if (!current.renew()) {
                lost("its lease was taken by " + current.consumer() + "'s new owner "
                        + offsets.lease(current.consumer()).map(l -> l.describe()).orElse("(unknown)"));
            }
        } catch (Exception e) {
            // Not lost yet: the next renewal may succeed; a write first checks that the lease still holds.
            LOG.warnf("Lease of %s not renewed: %s", current.consumer(), Messages.oneLine(e));
        }
    }

    /**
     * Called before a batch's data is written: throws when this process does not surely own the consumer id any
     * more (a process paused past its lease finds out here, before writing, when it wakes up).
     */
    public void ensureOwner() {
        String stopped = halted;
        if (stopped != null) {
            throw new IllegalStateException("consumer " + consumer + " writes nothing more: " + stopped);
        }
        ConsumerLease current = lease;
        boolean held;
        try {
            held = current != null && current.ensureHeld();
        } catch (RuntimeException e) {
            // Cassandra does not answer: no process can take the lease over without it either, and the offsets stay
            // fenced. The sink writes on (a Cassandra outage must not stop an Elasticsearch consumer).
            LOG.warnf("Lease of %s not renewed before a write (%s): writing on; its offsets are stored only if it "
                    + "still holds the lease", consumer, Messages.oneLine(e));
            return;
        }
        if (!held) {
            String why = lost("its lease was taken by another process while this one was not renewing it");
            throw new IllegalStateException("consumer " + consumer + " writes nothing more: " + why);
        }
    }

    /** Stops storing and tells the job (which stops the query); the next start waits for the lease. */
    private synchronized String lost(String why) {
        if (leaseLost == null) {
            leaseLost = why;
            halt("it lost its lease: " + why);
        }
        return leaseLost;
    }

    /**
     * Stores nothing more and has the job stop the query (the lifecycle then starts it again, which checks the
     * lease and the topic afresh). For a lost lease and a topic recreated under the consumer.
     */
    private synchronized void halt(String why) {
        if (halted == null) {
            halted = why;
            pending = null;
            pendingSince = null;
            pendingError = null;
            LOG.errorf("Consumer %s stores nothing more and stops its query: %s", consumer, why);
            // Not on this thread: stopping the query waits for its batch, which may be waiting for this monitor.
            Thread stopper = new Thread(onLeaseLost, "lease-lost-" + consumer);
            stopper.setDaemon(true);
            stopper.start();
        }
    }

    /**
     * Whether the topic is still the one this run started on (same topic id). When it was deleted and created
     * again mid-run, the run is halted before it stores offsets that would point into the new topic.
     */
    private boolean sameTopic() {
        String started = topicId;
        if (started == null) {
            return true;
        }
        String now;
        try {
            now = admin.topicId(topic);
        } catch (KafkaAdmin.UnknownTopicException e) {
            halt("topic " + topic + " was deleted");
            return false;
        }
        if (!started.equals(now)) {
            halt(TopicIdentity.recreated(consumer, topic, started, now));
            return false;
        }
        return true;
    }

    /** What to do when the lease is lost (the job stops its query). */
    public void onLeaseLost(Runnable action) {
        this.onLeaseLost = action;
    }

    /** The lease as this process sees it, for /status. */
    public Map<String, Object> ownership() {
        Map<String, Object> status = new LinkedHashMap<>();
        ConsumerLease current = lease;
        status.put("epoch", current == null ? null : current.epoch().orElse(null));
        status.put("leaseUntil", current == null || current.heldUntil() == null ? null : current.heldUntil().toString());
        status.put("lost", leaseLost);
        status.put("stoppedStoring", halted);
        return status;
    }

    /** The next offsets of one micro-batch, on their way to the offsets table. */
    private record PendingOffsets(long batchId, Map<Integer, Long> next) {
    }

    private synchronized void store(PendingOffsets wanted) {
        ConsumerLease current = lease;
        if (halted != null || current == null || current.epoch().isEmpty()) {
            LOG.warnf("Offsets of %s (batch %d) not stored: this process does not own the consumer", consumer,
                    wanted.batchId());
            return;
        }
        try {
            if (!sameTopic()) {
                return;
            }
            if (!offsets.storeFenced(consumer, topic, topicId, wanted.next(), current.epoch().get())) {
                lost("another process stored under a newer lease epoch");
                return;
            }
            committed = wanted.next();
            storedBatchId = wanted.batchId();
            metrics.nextOffsetsStored(wanted.next());
            commitToConsumerGroup(wanted.next());
            if (pending != null) {
                LOG.infof("Offsets of %s stored after %d s pending (batch %d)", consumer,
                        Duration.between(pendingSince, Instant.now()).toSeconds(), wanted.batchId());
            }
            pending = null;
            pendingSince = null;
            pendingError = null;
            retries = 0;
        } catch (Exception e) {
            if (pending == null) {
                pendingSince = Instant.now();
            }
            pending = wanted;
            pendingError = Messages.oneLine(e);
            long wait = Math.min(RETRY_INITIAL.toMillis() << Math.min(retries++, 5), RETRY_MAX.toMillis());
            LOG.warnf("Offsets of %s (batch %d) not stored: %s. Retrying in %d ms.", consumer, wanted.batchId(),
                    pendingError, wait);
            if (!retryScheduled) {
                // One retry at a time: a newer batch's failure replaces what is pending, not adds a retry.
                retryScheduled = true;
                executor().schedule(this::retryPending, wait, TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Mirrors stored next offsets into the Kafka consumer group named after the consumer. Never fails the query:
     * Cassandra is what the consumer resumes from; a failed commit is made again with the next batch.
     */
    private void commitToConsumerGroup(Map<Integer, Long> next) {
        if (next.isEmpty() || next.equals(inConsumerGroup)) {
            return;
        }
        try {
            admin.commitGroupOffsets(consumer, topic, next);
            inConsumerGroup = next;
        } catch (Exception e) {
            LOG.warnf("Offsets of %s not committed to its Kafka consumer group (done again with the next batch): %s",
                    consumer, Messages.oneLine(e));
        }
    }

    private synchronized void retryPending() {
        retryScheduled = false;
        if (pending != null && halted == null) {
            store(pending);
        }
    }

    /** The next offsets last stored, per partition (for /status). */
    public Map<Integer, Long> committedOffsets() {
        return committed;
    }

    /** Offsets still to store, for /status: the batch, since when, and the last error; empty when none. */
    public Map<String, Object> pendingOffsets() {
        PendingOffsets waiting = pending;
        Instant since = pendingSince;
        if (waiting == null || since == null) {
            return Map.of();
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("batchId", waiting.batchId());
        status.put("nextOffsets", waiting.next());
        status.put("pendingSince", since.toString());
        status.put("error", pendingError);
        return status;
    }

    /** The last micro-batch whose offsets are stored (-1: none since start). */
    public long storedBatchId() {
        return storedBatchId;
    }

    /** Readiness: DOWN while a batch's offsets have been pending longer than the configured limit. */
    @Produces
    @Readiness
    HealthCheck offsetsStored() {
        return () -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("offsets stored");
            Instant since = pendingSince;
            PendingOffsets waiting = pending;
            if (since != null && waiting != null
                    && Duration.between(since, Instant.now()).compareTo(settings.offsetsPendingLimit()) > 0) {
                return response.down().withData("reason", "offsets of batch " + waiting.batchId() + " not stored for "
                        + Duration.between(since, Instant.now()).toSeconds() + " s: " + pendingError).build();
            }
            return response.up().build();
        };
    }

    synchronized String startingOffsetsJson(String consumerId, String topicName) {
        Map<Integer, Long> stored = offsets.nextOffsets(consumerId, topicName);
        String currentId = admin.topicId(topicName);
        Optional<String> storedId = offsets.topicId(consumerId, topicName);
        boolean recreated = !TopicIdentity.useStoredOffsets(consumerId, topicName, storedId, currentId,
                settings.onTopicRecreated());
        if (recreated) {
            LOG.warnf("%s: consumer.on-topic-recreated=earliest, so the new topic is read from its start",
                    TopicIdentity.recreated(consumerId, topicName, storedId.orElse("?"), currentId));
            stored = Map.of();
        }
        topicId = currentId;
        // A (re)started query reads again from what is stored and will store its own progress: offsets still
        // pending from the previous run are dropped, so that they cannot land after the new run's own.
        pending = null;
        pendingSince = null;
        pendingError = null;
        storedBatchId = -1; // batch ids start again with the query's fresh checkpoint
        // What the table holds now (an operator may have reset it): the next commit compares against this.
        committed = stored;
        inConsumerGroup = Map.of(); // an operator may have reset the group too: commit what the table holds again
        metrics.nextOffsetsLoaded(stored);
        Map<Integer, Long> latest = admin.latestOffsets(topicName);
        metrics.endOffsets(latest);
        long unknown = !recreated && "latest".equalsIgnoreCase(settings.startingOffsets())
                ? StartingOffsets.LATEST : StartingOffsets.EARLIEST;
        Map<String, Long> start = StartingOffsets.choose(topicName, admin.partitions(topicName), stored,
                admin.earliestOffsets(topicName), latest, unknown, settings.failOnDataLoss());
        try {
            return JSON.writeValueAsString(Map.of(topicName, start));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a Kafka source offset JSON ({"topic":{"0":42}}) into the offsets of one topic. */
    static Map<Integer, Long> endOffsets(String offsetJson, String topicName) {
        if (offsetJson == null || offsetJson.isBlank() || !offsetJson.trim().startsWith("{")) {
            return Map.of();
        }
        try {
            Map<String, Map<String, Long>> parsed = JSON.readValue(offsetJson, new TypeReference<>() {
            });
            Map<Integer, Long> result = new LinkedHashMap<>();
            parsed.getOrDefault(topicName, Map.of()).forEach((p, o) -> result.put(Integer.parseInt(p), o));
            return result;
        } catch (Exception e) {
            return Map.of();
        }
    }

    private synchronized ScheduledExecutorService executor() {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "offsets-retry");
                thread.setDaemon(true);
                return thread;
            });
        }
        return executor;
    }

    private synchronized void startHeartbeat() {
        if (heartbeat != null) {
            return;
        }
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "consumer-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = KafkaOffsetStore.HEARTBEAT_INTERVAL.toMillis();
        heartbeat.scheduleWithFixedDelay(() -> {
            try {
                if (leaseLost == null) { // a process that lost the id must not look like the running consumer
                    offsets.beat(consumer);
                }
            } catch (Exception e) {
                LOG.debugf("Heartbeat of %s not written: %s", consumer, Messages.oneLine(e));
            }
            try {
                sameTopic(); // a topic deleted and created again mid-run halts the run within one beat
            } catch (Exception e) {
                LOG.debugf("Topic id of %s not read: %s", topic, Messages.oneLine(e));
            }
            try {
                // The lag metric between batches: records produced since the last batch count at once.
                metrics.endOffsets(admin.latestOffsets(topic));
            } catch (Exception e) {
                LOG.debugf("End offsets of %s not read: %s", topic, Messages.oneLine(e));
            }
        }, 0, every, TimeUnit.MILLISECONDS);
    }

    /**
     * On a clean stop (the job calls it when its query has stopped) the consumer no longer runs:
     * offset-admin may then move its offsets.
     */
    @PreDestroy
    public synchronized void close() {
        if (renewal != null) {
            renewal.cancel(false);
            renewal = null;
        }
        // Only the owner clears the heartbeat: after a lost lease, the row is the new owner's.
        boolean owned = lease != null && lease.epoch().isPresent() && leaseLost == null;
        if (lease != null) {
            try {
                lease.release();
            } catch (Exception e) {
                LOG.debugf("Lease of %s not released (it ends by itself): %s", consumer, Messages.oneLine(e));
            }
        }
        if (heartbeat != null) {
            heartbeat.shutdownNow();
            heartbeat = null;
            try {
                if (owned) {
                    offsets.clearHeartbeat(consumer);
                }
            } catch (Exception e) {
                LOG.debugf("Heartbeat of %s not cleared: %s", consumer, Messages.oneLine(e));
            }
        }
    }
}
