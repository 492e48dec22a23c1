package dev.radiostream.common.offsets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import dev.radiostream.common.cassandra.CassandraSchema;

/**
 * The dead-letter table rejected_records: malformed records are kept here with the reason, keyed by their
 * Kafka coordinates, so a replay stores the same row again instead of a duplicate. Usable on the driver and
 * on Spark executors alike (it only needs a session).
 */
public final class RejectedRecordStore {

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement select;

    public RejectedRecordStore(CqlSession session, String keyspace) {
        this.session = session;
        CassandraSchema.createRejectedRecordsTable(session, keyspace);
        String table = CassandraSchema.identifier(keyspace) + ".rejected_records";
        insert = session.prepare("INSERT INTO " + table + " (consumer, topic, partition, offset, kafka_key,"
                + " kafka_timestamp, value_bytes, value_sha256, raw_value, reason, rejected_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?");
        select = session.prepare("SELECT * FROM " + table + " WHERE consumer = ?");
    }

    /**
     * Writes all records, at most the policy's number at a time (a burst of thousands must not flood
     * Cassandra nor queue thousands of requests), and returns once every write succeeded; throws otherwise.
     */
    public void store(String consumer, List<RejectedRecord> records, DeadLetterPolicy policy) {
        Instant now = Instant.now();
        Semaphore inFlight = new Semaphore(policy.maxWritesInFlight());
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (RejectedRecord record : records) {
            inFlight.acquireUninterruptibly();
            CompletableFuture<?> write = session.executeAsync(insert.bind(consumer, record.topic(),
                    record.partition(), record.offset(), record.key(), record.timestamp(), record.valueBytes(),
                    record.valueSha256(), record.rawValue(), record.reason(), now, policy.ttlSeconds()))
                    .toCompletableFuture();
            write.whenComplete((result, error) -> inFlight.release());
            writes.add(write);
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    }

    public List<RejectedRecord> list(String consumer) {
        List<RejectedRecord> records = new ArrayList<>();
        for (Row row : session.execute(select.bind(consumer))) {
            records.add(new RejectedRecord(row.getString("topic"), row.getInt("partition"), row.getLong("offset"),
                    row.getString("kafka_key"), row.getInstant("kafka_timestamp"),
                    row.isNull("value_bytes") ? 0 : row.getInt("value_bytes"), row.getString("value_sha256"),
                    row.getString("raw_value"), row.getString("reason")));
        }
        return records;
    }
}
