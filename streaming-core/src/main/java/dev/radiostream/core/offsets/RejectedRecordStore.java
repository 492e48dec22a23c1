package dev.radiostream.core.offsets;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static com.datastax.oss.driver.api.querybuilder.SchemaBuilder.alterTable;
import static com.datastax.oss.driver.api.querybuilder.SchemaBuilder.createTable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.DataTypes;

import dev.radiostream.core.cassandra.BoundedWrites;
import dev.radiostream.core.cassandra.CassandraSchema;

/**
 * The dead-letter table rejected_records: malformed records are kept here with the reason, keyed by their
 * Kafka coordinates, so a replay stores the same row again instead of a duplicate. Usable on the driver and
 * on Spark executors alike (it only needs a session).
 */
public final class RejectedRecordStore {

    private static final CqlIdentifier TABLE = CqlIdentifier.fromInternal("rejected_records");

    /** Columns added after the first version of the table: a table made by an older version gets them. */
    private static final Map<String, DataType> ADDED_COLUMNS = new LinkedHashMap<>();
    static {
        ADDED_COLUMNS.put("kafka_key", DataTypes.TEXT);
        ADDED_COLUMNS.put("kafka_timestamp", DataTypes.TIMESTAMP);
        ADDED_COLUMNS.put("value_bytes", DataTypes.INT);
        ADDED_COLUMNS.put("value_sha256", DataTypes.TEXT);
    }

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement select;

    public RejectedRecordStore(CqlSession session, String keyspaceName) {
        this.session = session;
        CqlIdentifier keyspace = CassandraSchema.identifier(keyspaceName);
        var table = createTable(keyspace, TABLE).ifNotExists().withPartitionKey("consumer", DataTypes.TEXT)
                .withClusteringColumn("topic", DataTypes.TEXT).withClusteringColumn("partition", DataTypes.INT)
                .withClusteringColumn("offset", DataTypes.BIGINT);
        for (Map.Entry<String, DataType> column : ADDED_COLUMNS.entrySet()) {
            table = table.withColumn(column.getKey(), column.getValue());
        }
        session.execute(table.withColumn("raw_value", DataTypes.TEXT).withColumn("reason", DataTypes.TEXT)
                .withColumn("rejected_at", DataTypes.TIMESTAMP).build());
        addMissingColumns(keyspace);
        insert = session.prepare(CassandraSchema.insertBound(keyspace, TABLE, "consumer", "topic", "partition",
                "offset", "kafka_key", "kafka_timestamp", "value_bytes", "value_sha256", "raw_value", "reason",
                "rejected_at").usingTtl(bindMarker()).build());
        select = session.prepare(selectFrom(keyspace, TABLE).all().whereColumn("consumer").isEqualTo(bindMarker()).build());
    }

    private void addMissingColumns(CqlIdentifier keyspace) {
        Optional<TableMetadata> existing = session.getMetadata().getKeyspace(keyspace).flatMap(k -> k.getTable(TABLE));
        for (Map.Entry<String, DataType> column : ADDED_COLUMNS.entrySet()) {
            if (existing.isPresent() && existing.get().getColumn(column.getKey()).isEmpty()) {
                session.execute(alterTable(keyspace, TABLE).addColumn(column.getKey(), column.getValue()).build());
            }
        }
    }

    /**
     * Writes all records, at most the policy's number at a time (a burst of thousands must not flood Cassandra nor
     * queue thousands of requests), and returns once every write succeeded; throws otherwise (the first failure stops
     * the sending: see {@link BoundedWrites}).
     */
    public void store(String consumer, List<RejectedRecord> records, DeadLetterPolicy policy) {
        Instant now = Instant.now();
        BoundedWrites writes = new BoundedWrites(session, policy.maxWritesInFlight());
        for (RejectedRecord record : records) {
            boolean sent = writes.send(insert.bind(consumer, record.topic(), record.partition(), record.offset(),
                    record.key(), record.timestamp(), record.valueBytes(), record.valueSha256(), record.rawValue(),
                    record.reason(), now, policy.ttlSeconds()));
            if (!sent) {
                break; // a write failed: awaitAll throws it
            }
        }
        writes.awaitAll("storing " + records.size() + " dead letters of " + consumer);
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
