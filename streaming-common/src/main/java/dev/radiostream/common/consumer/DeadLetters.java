package dev.radiostream.common.consumer;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.jboss.logging.Logger;

import dev.radiostream.common.cassandra.CassandraSessions;
import dev.radiostream.common.offsets.RejectedRecord;
import dev.radiostream.common.offsets.RejectedRecordStore;
import dev.radiostream.common.spark.KafkaRecords;

/**
 * Keeps the rejected records of a micro-batch in the Cassandra dead-letter table rejected_records and
 * counts them. Rejected records are few, so they are collected to the driver and written from there.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final CassandraSessions sessions;
    private final AtomicLong rejected = new AtomicLong();
    private volatile RejectedRecordStore store;

    public DeadLetters(CassandraSessions sessions) {
        this.sessions = sessions;
    }

    /** Stores the rows of a parsed batch that carry a reject reason; returns how many there were. */
    public long keep(String consumer, Dataset<Row> parsedBatch) {
        List<Row> rows = KafkaRecords.rejected(parsedBatch)
                .select(col("topic"), col("partition"), col("offset"), col(KafkaRecords.RAW_VALUE),
                        col(KafkaRecords.REJECT_REASON))
                .collectAsList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<RejectedRecord> records = rows.stream().map(r -> new RejectedRecord(r.getString(0), r.getInt(1),
                r.getLong(2), r.getString(3), r.getString(4))).toList();
        store().store(consumer, records);
        rejected.addAndGet(records.size());
        records.forEach(r -> LOG.warnf("Rejected %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), r.reason()));
        return records.size();
    }

    /** Adds rejections counted elsewhere (e.g. by executors through an accumulator). */
    public void count(long more) {
        rejected.addAndGet(more);
    }

    /** Rejected records since this service started. */
    public long rejectedCount() {
        return rejected.get();
    }

    private RejectedRecordStore store() {
        if (store == null) {
            synchronized (this) {
                if (store == null) {
                    store = new RejectedRecordStore(sessions.session(), sessions.keyspace());
                }
            }
        }
        return store;
    }
}
