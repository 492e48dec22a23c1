package dev.radiostream.core.offsets;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static com.datastax.oss.driver.api.querybuilder.SchemaBuilder.createTable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.DataTypes;

import dev.radiostream.core.cassandra.CassandraSchema;

/**
 * The dead-letter table rejected_records: malformed records are kept here with the reason, keyed by their
 * Kafka coordinates, so a replay stores the same row again instead of a duplicate. Usable on the driver and
 * on Spark executors alike (it only needs a session).
 */
public final class RejectedRecordStore {

    private static final CqlIdentifier TABLE = CqlIdentifier.fromInternal("rejected_records");

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement select;

    public RejectedRecordStore(CqlSession session, String keyspaceName) {
        this.session = session;
        CqlIdentifier keyspace = CassandraSchema.identifier(keyspaceName);
        session.execute(createTable(keyspace, TABLE).ifNotExists().withPartitionKey("consumer", DataTypes.TEXT)
                .withClusteringColumn("topic", DataTypes.TEXT).withClusteringColumn("partition", DataTypes.INT)
                .withClusteringColumn("offset", DataTypes.BIGINT).withColumn("raw_value", DataTypes.TEXT)
                .withColumn("reason", DataTypes.TEXT).withColumn("rejected_at", DataTypes.TIMESTAMP).build());
        insert = session.prepare(CassandraSchema.insertBound(keyspace, TABLE,
                "consumer", "topic", "partition", "offset", "raw_value", "reason", "rejected_at").build());
        select = session.prepare(selectFrom(keyspace, TABLE).all().whereColumn("consumer").isEqualTo(bindMarker()).build());
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
