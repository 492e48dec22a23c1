package dev.radiostream.tocassandra;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.spark.connector.cql.CassandraConnector$;
import com.datastax.spark.connector.cql.CassandraConnectorConf;
import com.datastax.spark.connector.cql.RefCountedCache;

import scala.jdk.javaapi.CollectionConverters;

/**
 * The Spark Cassandra Connector's shared driver sessions (one per connection setting, kept in the connector's
 * session cache), and a way to start over with fresh ones when the query restarts.
 *
 * <p>Why not {@code CassandraConnector.evictCache()}: it closes only the sessions nobody holds, and after a Cassandra
 * outage the connector still holds one. A write task that fails never releases its session (connector 3.5.1,
 * {@code AsyncStatementWriter.close()} throws before it closes the session), so the cache keeps handing that session
 * out. And such a session can be broken for good: if a schema refresh starts while its control connection is down,
 * it fails with "Control channel not available, aborting schema refresh" and every later refresh of that session
 * waits forever (java-driver 4.18 and 4.19: {@code MetadataManager} never clears the failed refresh; fixed only in
 * the ScyllaDB fork, scylladb/java-driver#841). The connector refreshes the schema before every write, so the
 * restarted query's first batch hung for good (seen in ServerOutageTest).
 */
final class ConnectorSessions {

    private static final Logger LOG = Logger.getLogger(ConnectorSessions.class);
    private static final long CLOSE_WAIT_SECONDS = 10;

    private ConnectorSessions() {
    }

    /**
     * Closes every session in the connector's cache, held or not, and removes it from the cache, so the next write
     * opens a fresh one. Only for a moment when no write runs (before the query starts). Returns how many it closed.
     */
    static int closeAll() {
        // private[cql] in Scala, public in the bytecode: the connector has no other way to drop a held session.
        RefCountedCache<CassandraConnectorConf, CqlSession> cache = CassandraConnector$.MODULE$.sessionCache();
        // One session is cached under several keys (its settings, and the same with each node's address).
        Set<CqlSession> dropped = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<CassandraConnectorConf, CqlSession> entry
                : CollectionConverters.asJava(cache.cache().readOnlySnapshot()).entrySet()) {
            // Out of the cache first, so no one can take it any more. Its reference count stays: a late release
            // then finds its keys gone, removes nothing and closes it again (a no-op).
            if (cache.cache().remove(entry.getKey(), entry.getValue())) {
                dropped.add(entry.getValue());
            }
        }
        dropped.forEach(ConnectorSessions::close);
        return dropped.size();
    }

    private static void close(CqlSession session) {
        try {
            session.forceCloseAsync().toCompletableFuture().get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            LOG.infof("Closed the connector's Cassandra session %s", session.getName());
        } catch (TimeoutException e) {
            LOG.warnf("The connector's Cassandra session %s did not close within %d s; it is out of the cache anyway",
                    session.getName(), CLOSE_WAIT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf("Closing the connector's Cassandra session %s failed: %s", session.getName(), e.toString());
        }
    }
}
