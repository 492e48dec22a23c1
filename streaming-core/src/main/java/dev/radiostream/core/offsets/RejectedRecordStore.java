package dev.radiostream.core.offsets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.radiostream.core.cassandra.CassandraSchema;

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
        insert = session.prepare("INSERT INTO " + table
                + " (consumer, topic, partition, offset, raw_value, reason, rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
        select = session.prepare("SELECT * FROM " + table + " WHERE consumer = ?");
    }

    /** Writes all records and waits for every write. */
    public void store(String consumer, List<RejectedRecord> records) {
        Instant now = Instant.now();
        List<CompletableFuture<AsyncResultSet>> writes = new ArrayList<>();
        for (RejectedRecord record : records) {
            CompletionStage<AsyncResultSet> write = session.executeAsync(insert.bind(consumer, record.topic(),
                    record.partition(), record.offset(), record.rawValue(), record.reason(), now));
            writes.add(write.toCompletableFuture());
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    }

    public List<RejectedRecord> list(String consumer) {
        List<RejectedRecord> records = new ArrayList<>();
        for (Row row : session.execute(select.bind(consumer))) {
            records.add(new RejectedRecord(row.getString("topic"), row.getInt("partition"), row.getLong("offset"),
                    row.getString("raw_value"), row.getString("reason")));
        }
        return records;
    }
}
