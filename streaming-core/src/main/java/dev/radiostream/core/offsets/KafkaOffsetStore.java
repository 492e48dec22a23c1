package dev.radiostream.core.offsets;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
 * The Cassandra table kafka_offsets: per (consumer, topic, partition) the NEXT offset to read.
 * The streaming services write it after each micro-batch's data is written; they read it on start.
 * offset-admin-service lists and rewrites it. This is the one place that knows the table.
 * <p>
 * It also keeps consumer_heartbeats: a running consumer beats every {@link #HEARTBEAT_INTERVAL}; rows expire
 * after {@link #HEARTBEAT_TTL}, so a killed consumer stops counting as running. offset-admin-service refuses
 * to move the offsets of a running consumer.
 */
@ApplicationScoped
public class KafkaOffsetStore {

    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(5);
    public static final Duration HEARTBEAT_TTL = Duration.ofSeconds(20);

    private final CassandraSessions sessions;
    private final Instant startedAt = Instant.now();
    private volatile Statements statements;

    public KafkaOffsetStore(CassandraSessions sessions) {
        this.sessions = sessions;
    }

    /** The stored next offset per partition of one topic for one consumer (empty when none is stored). */
    public Map<Integer, Long> nextOffsets(String consumer, String topic) {
        Map<Integer, Long> offsets = new TreeMap<>();
        for (Row row : session().execute(statements().selectTopic.bind(consumer, topic))) {
            offsets.put(row.getInt("partition"), row.getLong("next_offset"));
        }
        return offsets;
    }

    /** Every stored row, optionally narrowed to one consumer and/or one topic (null means all). */
    public List<StoredOffset> list(String consumer, String topic) {
        Iterable<Row> rows = consumer == null
                ? session().execute(statements().selectAll.bind())
                : session().execute(statements().selectConsumer.bind(consumer));
        List<StoredOffset> result = new ArrayList<>();
        for (Row row : rows) {
            StoredOffset offset = new StoredOffset(row.getString("consumer"), row.getString("topic"),
                    row.getInt("partition"), row.getLong("next_offset"), row.getInstant("updated_at"));
            if (topic == null || topic.equals(offset.topic())) {
                result.add(offset);
            }
        }
        return result;
    }

    /**
     * Stores the next offsets of one topic in one atomic write: all rows share the consumer partition key,
     * so a single-partition logged batch is applied all-or-nothing.
     */
    public void store(String consumer, String topic, Map<Integer, Long> nextOffsets) {
        if (nextOffsets.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        BatchStatementBuilder batch = BatchStatement.builder(BatchType.LOGGED);
        nextOffsets.forEach((partition, next) ->
                batch.addStatement(statements().upsert.bind(consumer, topic, partition, next, now)));
        session().execute(batch.build());
    }

    /** Forgets a consumer's offsets: of one topic, or of all topics when topic is null. */
    public void delete(String consumer, String topic) {
        if (topic == null) {
            session().execute(statements().deleteConsumer.bind(consumer));
        } else {
            session().execute(statements().deleteTopic.bind(consumer, topic));
        }
    }

    /** Records that this process runs the consumer now. */
    public void beat(String consumer) {
        session().execute(statements().beat.bind(consumer, hostName(), ProcessHandle.current().pid(), startedAt,
                Instant.now(), (int) HEARTBEAT_TTL.toSeconds()));
    }

    /** The heartbeat of the consumer if it is running. */
    public Optional<Heartbeat> heartbeat(String consumer) {
        Row row = session().execute(statements().selectHeartbeat.bind(consumer)).one();
        return Optional.ofNullable(row).map(r -> new Heartbeat(r.getString("consumer"), r.getString("host"),
                r.getLong("pid"), r.getInstant("started_at"), r.getInstant("updated_at")));
    }

    /** Called on a clean stop: the consumer no longer runs. */
    public void clearHeartbeat(String consumer) {
        session().execute(statements().deleteHeartbeat.bind(consumer));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private CqlSession session() {
        return sessions.session();
    }

    private Statements statements() {
        Statements current = statements;
        if (current == null) {
            synchronized (this) {
                if (statements == null) {
                    statements = new Statements(session(), sessions.keyspace());
                }
                current = statements;
            }
        }
        return current;
    }

    /** Prepared once: values are always bound, never concatenated into CQL. */
    private static final class Statements {
        final PreparedStatement selectTopic;
        final PreparedStatement selectConsumer;
        final PreparedStatement selectAll;
        final PreparedStatement upsert;
        final PreparedStatement deleteConsumer;
        final PreparedStatement deleteTopic;
        final PreparedStatement beat;
        final PreparedStatement selectHeartbeat;
        final PreparedStatement deleteHeartbeat;

        Statements(CqlSession session, String keyspace) {
            CassandraSchema.createOffsetTables(session, keyspace);
            String table = CassandraSchema.identifier(keyspace) + ".kafka_offsets";
            selectTopic = session.prepare("SELECT partition, next_offset FROM " + table + " WHERE consumer = ? AND topic = ?");
            selectConsumer = session.prepare("SELECT * FROM " + table + " WHERE consumer = ?");
            selectAll = session.prepare("SELECT * FROM " + table);
            upsert = session.prepare("INSERT INTO " + table
                    + " (consumer, topic, partition, next_offset, updated_at) VALUES (?, ?, ?, ?, ?)");
            deleteConsumer = session.prepare("DELETE FROM " + table + " WHERE consumer = ?");
            deleteTopic = session.prepare("DELETE FROM " + table + " WHERE consumer = ? AND topic = ?");
            String heartbeats = CassandraSchema.identifier(keyspace) + ".consumer_heartbeats";
            beat = session.prepare("INSERT INTO " + heartbeats
                    + " (consumer, host, pid, started_at, updated_at) VALUES (?, ?, ?, ?, ?) USING TTL ?");
            selectHeartbeat = session.prepare("SELECT * FROM " + heartbeats + " WHERE consumer = ?");
            deleteHeartbeat = session.prepare("DELETE FROM " + heartbeats + " WHERE consumer = ?");
        }
    }
}
