package dev.radiostream.spark.consumer;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.radiostream.core.cassandra.CassandraSessions;
import dev.radiostream.core.cassandra.PreparedOnFirstUse;
import dev.radiostream.core.offsets.DeadLetterPolicy;
import dev.radiostream.core.offsets.RejectedRecord;
import dev.radiostream.core.offsets.RejectedRecordStore;
import dev.radiostream.spark.records.RejectReason;

/**
 * Keeps the rejected records of a micro-batch in the Cassandra dead-letter table rejected_records and
 * counts them, in /status and by reason in consumer_records_rejected_total: records the consumer could not parse
 * or validate, and documents a store refused.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final int LOGGED_PER_BATCH = 20;

    private final DeadLetterPolicy policy;
    private final AtomicLong rejected = new AtomicLong();
    private final PreparedOnFirstUse<RejectedRecordStore> store;
    private final ConsumerMetrics metrics;

    public DeadLetters(CassandraSessions sessions, ConsumerSettings settings, ConsumerMetrics metrics) {
        this.store = new PreparedOnFirstUse<>(() -> new RejectedRecordStore(sessions.session(), sessions.keyspace()));
        this.policy = settings.deadLetters().policy();
        this.metrics = metrics;
    }

    /** How rejected records are cut, expired and written. */
    public DeadLetterPolicy policy() {
        return policy;
    }

    /** Stores rejected records (on the driver), all rejected for {@code reason}, and counts them. */
    public void store(String consumer, RejectReason reason, List<RejectedRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        store.get().store(consumer, records, policy);
        count(reason, records.size());
        // One line per record up to a few, then a summary: a poison burst must not flood the log.
        records.stream().limit(LOGGED_PER_BATCH)
                .forEach(r -> LOG.warnf("Rejected %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), r.reason()));
        if (records.size() > LOGGED_PER_BATCH) {
            LOG.warnf("Rejected %d more records of %s (all kept in the dead-letter table)",
                    records.size() - LOGGED_PER_BATCH, records.get(0).topic());
        }
    }

    /** Adds rejections counted elsewhere (e.g. by executors through accumulators). */
    public void count(RejectReason reason, long more) {
        rejected.addAndGet(more);
        metrics.rejected(reason, more);
    }

    /** Rejected records since this service started. */
    public long rejectedCount() {
        return rejected.get();
    }
}
