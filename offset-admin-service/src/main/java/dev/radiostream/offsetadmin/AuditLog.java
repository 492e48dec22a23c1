package dev.radiostream.offsetadmin;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static com.datastax.oss.driver.api.querybuilder.SchemaBuilder.createTable;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.schema.ClusteringOrder;
import com.datastax.oss.driver.api.core.type.DataTypes;

import dev.radiostream.core.cassandra.CassandraSchema;
import dev.radiostream.core.cassandra.CassandraSessions;
import dev.radiostream.core.cassandra.PreparedOnFirstUse;

/**
 * The audit table offset_resets: every offset change made by this tool, one row per partition, newest first,
 * so an operator can see what was changed, by whom and why, and undo it (the old offsets are there).
 * Prepared statements built from identifiers; the keyspace name is checked by {@link CassandraSchema#identifier}.
 */
@ApplicationScoped
public class AuditLog {

    private final CassandraSessions sessions;
    private final PreparedOnFirstUse<Statements> statements;

    public AuditLog(CassandraSessions sessions) {
        this.sessions = sessions;
        this.statements = new PreparedOnFirstUse<>(() -> new Statements(sessions.session(), sessions.keyspace()));
    }

    /** Writes the rows of one change; they share the consumer partition key, so one logged batch is atomic. */
    public void record(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        BatchStatementBuilder batch = BatchStatement.builder(BatchType.LOGGED);
        for (AuditEntry e : entries) {
            batch.addStatement(statements().insert.bind(e.consumer(), e.changeId(), e.topic(), e.partition(),
                    e.changedAt(), e.action(), e.oldOffset(), e.newOffset(), e.forced(), e.operator(), e.reason()));
        }
        sessions.session().execute(batch.build());
    }

    /** The consumer's changes, newest first. */
    public List<AuditEntry> history(String consumer) {
        List<AuditEntry> entries = new ArrayList<>();
        for (Row row : sessions.session().execute(statements().select.bind(consumer))) {
            entries.add(new AuditEntry(row.getUuid("change_id"), row.getInstant("changed_at"), row.getString("consumer"),
                    row.getString("topic"), row.getInt("partition"), row.get("old_offset", Long.class),
                    row.get("new_offset", Long.class), row.getString("action"), row.getBoolean("forced"),
                    row.getString("operator"), row.getString("reason")));
        }
        return entries;
    }

    public boolean hasHistory(String consumer) {
        return sessions.session().execute(statements().exists.bind(consumer)).one() != null;
    }

    /** Who runs this tool: $USER (or the JVM's user.name) at this host. */
    public static String operator() {
        String user = System.getenv("USER");
        if (user == null || user.isBlank()) {
            user = System.getProperty("user.name", "unknown");
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown";
        }
        return user + "@" + host;
    }

    private Statements statements() {
        return statements.get();
    }

    private static final class Statements {
        private static final CqlIdentifier TABLE = CqlIdentifier.fromInternal("offset_resets");

        final PreparedStatement insert;
        final PreparedStatement select;
        final PreparedStatement exists;

        Statements(CqlSession session, String keyspaceName) {
            CqlIdentifier keyspace = CassandraSchema.identifier(keyspaceName);
            session.execute(createTable(keyspace, TABLE).ifNotExists().withPartitionKey("consumer", DataTypes.TEXT)
                    .withClusteringColumn("change_id", DataTypes.TIMEUUID).withClusteringColumn("topic", DataTypes.TEXT)
                    .withClusteringColumn("partition", DataTypes.INT).withColumn("changed_at", DataTypes.TIMESTAMP)
                    .withColumn("action", DataTypes.TEXT).withColumn("old_offset", DataTypes.BIGINT)
                    .withColumn("new_offset", DataTypes.BIGINT).withColumn("forced", DataTypes.BOOLEAN)
                    .withColumn("operator", DataTypes.TEXT).withColumn("reason", DataTypes.TEXT)
                    .withClusteringOrder("change_id", ClusteringOrder.DESC).withClusteringOrder("topic", ClusteringOrder.ASC)
                    .withClusteringOrder("partition", ClusteringOrder.ASC).build());
            insert = session.prepare(CassandraSchema.insertBound(keyspace, TABLE, "consumer", "change_id", "topic",
                    "partition", "changed_at", "action", "old_offset", "new_offset", "forced", "operator", "reason").build());
            select = session.prepare(selectFrom(keyspace, TABLE).all().whereColumn("consumer").isEqualTo(bindMarker()).build());
            exists = session.prepare(selectFrom(keyspace, TABLE).column("change_id")
                    .whereColumn("consumer").isEqualTo(bindMarker()).limit(1).build());
        }
    }
}
