package dev.radiostream.offsetadmin;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import dev.radiostream.core.cassandra.CassandraSchema;
import dev.radiostream.core.cassandra.CassandraSessions;

/**
 * The audit table offset_resets: every offset change made by this tool, one row per partition, newest first,
 * so an operator can see what was changed, by whom and why, and undo it (the old offsets are there).
 * Prepared statements only; the keyspace name is validated by {@link CassandraSchema#identifier}.
 */
@ApplicationScoped
public class AuditLog {

    private final CassandraSessions sessions;
    private volatile Statements statements;

    public AuditLog(CassandraSessions sessions) {
        this.sessions = sessions;
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
        Statements current = statements;
        if (current == null) {
            synchronized (this) {
                if (statements == null) {
                    statements = new Statements(sessions.session(), sessions.keyspace());
                }
                current = statements;
            }
        }
        return current;
    }

    private static final class Statements {
        final PreparedStatement insert;
        final PreparedStatement select;
        final PreparedStatement exists;

        Statements(CqlSession session, String keyspace) {
            String table = CassandraSchema.identifier(keyspace) + ".offset_resets";
            session.execute("CREATE TABLE IF NOT EXISTS " + table + " ("
                    + "consumer text, change_id timeuuid, topic text, partition int, changed_at timestamp, "
                    + "action text, old_offset bigint, new_offset bigint, forced boolean, operator text, reason text, "
                    + "PRIMARY KEY ((consumer), change_id, topic, partition)) "
                    + "WITH CLUSTERING ORDER BY (change_id DESC, topic ASC, partition ASC)");
            insert = session.prepare("INSERT INTO " + table + " (consumer, change_id, topic, partition, changed_at, "
                    + "action, old_offset, new_offset, forced, operator, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            select = session.prepare("SELECT * FROM " + table + " WHERE consumer = ?");
            exists = session.prepare("SELECT change_id FROM " + table + " WHERE consumer = ? LIMIT 1");
        }
    }
}
