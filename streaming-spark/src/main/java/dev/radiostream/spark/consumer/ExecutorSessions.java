package dev.radiostream.spark.consumer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import dev.radiostream.core.cassandra.CassandraEndpoint;
import dev.radiostream.core.offsets.RejectedRecordStore;

/**
 * One Cassandra session per endpoint in each executor JVM, shared by its tasks, with what was prepared on it:
 * opening a session per task would repeat a full connection handshake every micro-batch. The driver
 * reconnects by itself after an outage.
 */
public final class ExecutorSessions {

    private record Shared(CqlSession session, Map<String, PreparedStatement> prepared, RejectedRecordStore deadLetters) {
    }

    private static final Map<CassandraEndpoint, Shared> SESSIONS = new ConcurrentHashMap<>();

    private ExecutorSessions() {
    }

    public static CqlSession session(CassandraEndpoint endpoint) {
        return shared(endpoint).session();
    }

    /** The statement prepared once per executor JVM. */
    public static PreparedStatement prepared(CassandraEndpoint endpoint, SimpleStatement statement) {
        Shared shared = shared(endpoint);
        return shared.prepared().computeIfAbsent(statement.getQuery(), cql -> shared.session().prepare(statement));
    }

    public static RejectedRecordStore deadLetters(CassandraEndpoint endpoint) {
        return shared(endpoint).deadLetters();
    }

    private static Shared shared(CassandraEndpoint endpoint) {
        return SESSIONS.computeIfAbsent(endpoint, e -> {
            CqlSession session = e.openSession();
            return new Shared(session, new ConcurrentHashMap<>(), new RejectedRecordStore(session, e.keyspace()));
        });
    }
}
