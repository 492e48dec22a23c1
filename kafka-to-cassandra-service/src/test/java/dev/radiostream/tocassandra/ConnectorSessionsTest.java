package dev.radiostream.tocassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.spark.connector.cql.CassandraConnector;

import dev.radiostream.stack.LocalStackExtension;
import dev.radiostream.stack.StackEndpoints;

/** The connector's session cache against the real Cassandra of the local stack. */
@ExtendWith(LocalStackExtension.class)
class ConnectorSessionsTest {

    @Test
    void aSessionAFailedWriteNeverReleasedIsClosedAndReplaced(StackEndpoints stack) {
        CassandraConnector connector = CassandraConnector.apply(new SparkConf(false)
                .set("spark.cassandra.connection.host", stack.cassandraContactPoint().getHostString())
                .set("spark.cassandra.connection.port", Integer.toString(stack.cassandraContactPoint().getPort()))
                .set("spark.cassandra.connection.localDC", stack.cassandraLocalDatacenter()));
        // Taken and never given back, as by a connector write task that failed.
        CqlSession held = connector.openSession();
        String heldName = held.getName();

        CassandraConnector.evictCache();
        assertFalse(closed(held), "the connector's own eviction leaves a held session open and cached (why the class exists)");
        assertEquals(heldName, connector.jWithSessionDo(CqlSession::getName), "and hands it out again");

        assertTrue(ConnectorSessions.closeAll() >= 1);

        assertTrue(closed(held), "the held session is closed");
        assertEquals(0, ConnectorSessions.closeAll(), "and not again: it is out of the cache");
        String fresh = connector.jWithSessionDo(session -> {
            assertEquals(1, session.execute("SELECT release_version FROM system.local").all().size());
            return session.getName();
        });
        assertNotEquals(heldName, fresh, "the next use opens a new session");
        // The failed task's release, had it come late, closes the old session again and leaves the new one cached.
        CqlSession inUse = connector.openSession();
        held.close();
        CassandraConnector.evictCache(); // runs the pending releases now
        assertFalse(closed(inUse), "the new session is still open");
        assertEquals(fresh, connector.jWithSessionDo(CqlSession::getName), "and still the one handed out");
        inUse.close();
        ConnectorSessions.closeAll();
    }

    /** The driver session's own state: the connector's proxy answers isClosed() for the proxy alone. */
    private static boolean closed(CqlSession proxy) {
        return proxy.closeFuture().toCompletableFuture().isDone();
    }
}
