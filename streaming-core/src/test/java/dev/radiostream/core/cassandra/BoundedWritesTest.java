package dev.radiostream.core.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;

import dev.radiostream.stack.LocalStack;
import dev.radiostream.stack.StackEndpoints;
import dev.radiostream.stack.TestNames;

/** Bounded asynchronous writes against the real Cassandra of the local stack. */
class BoundedWritesTest {

    private static CassandraEndpoint endpoint;
    private static CqlSession session;
    private static String keyspace;

    @BeforeAll
    static void start() {
        StackEndpoints stack = LocalStack.shared().ensureUp();
        endpoint = new CassandraEndpoint(stack.cassandraHostAndPort(), stack.cassandraLocalDatacenter(),
                TestNames.unique("bounded_writes"), 1, 10_000);
        keyspace = endpoint.keyspace();
        session = endpoint.openSession();
        CassandraSchema.createKeyspace(session, keyspace, 1, null);
        session.execute("CREATE TABLE " + keyspace + ".t (k int PRIMARY KEY, v text)");
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    @Test
    void everyWriteIsInCassandraWhenAwaitAllReturns() {
        BoundedWrites writes = new BoundedWrites(session, 4);
        for (int k = 0; k < 500; k++) {
            assertTrue(writes.send(SimpleStatement.newInstance("INSERT INTO " + keyspace + ".t (k, v) VALUES (?, ?)", k, "v" + k)));
        }
        writes.awaitAll("test writes");
        assertEquals(500, session.execute("SELECT count(*) FROM " + keyspace + ".t").one().getLong(0));
    }

    @Test
    void theFirstFailureIsThrownAndStopsTheSending() {
        BoundedWrites writes = new BoundedWrites(session, 4);
        assertTrue(writes.send(SimpleStatement.newInstance("INSERT INTO " + keyspace + ".no_such_table (k) VALUES (1)")));

        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> writes.awaitAll("test writes"));
        assertTrue(failed.getMessage().startsWith("test writes failed: "), failed.getMessage());
        assertTrue(failed.getCause() instanceof InvalidQueryException, String.valueOf(failed.getCause()));
        assertFalse(writes.send(SimpleStatement.newInstance("INSERT INTO " + keyspace + ".t (k, v) VALUES (-1, 'late')")),
                "nothing is sent after a failure");
        assertEquals(0, session.execute("SELECT count(*) FROM " + keyspace + ".t WHERE k = -1").one().getLong(0));
    }

    @Test
    void aStatementWaitingForRoomIsNotSentOnceTheWriteBeforeItFailed() {
        // One write in flight: the second send waits for the first, failing, write; then it must not go out.
        BoundedWrites writes = new BoundedWrites(session, 1);
        assertTrue(writes.send(SimpleStatement.newInstance("INSERT INTO " + keyspace + ".no_such_table (k) VALUES (1)")));
        assertFalse(writes.send(SimpleStatement.newInstance("INSERT INTO " + keyspace + ".t (k, v) VALUES (-2, 'waited')")));

        assertThrows(IllegalStateException.class, () -> writes.awaitAll("test writes"));
        assertEquals(0, session.execute("SELECT count(*) FROM " + keyspace + ".t WHERE k = -2").one().getLong(0));
    }

    @Test
    void aSessionThatRefusesToSendCountsAsAFailedWrite() {
        CqlSession closed = endpoint.openSession();
        closed.close();
        BoundedWrites writes = new BoundedWrites(closed, 4);

        writes.send(SimpleStatement.newInstance("INSERT INTO " + keyspace + ".t (k, v) VALUES (-3, 'closed')"));
        assertThrows(IllegalStateException.class, () -> writes.awaitAll("test writes"));
        assertFalse(writes.send(SimpleStatement.newInstance("INSERT INTO " + keyspace + ".t (k, v) VALUES (-4, 'after')")));
    }

    @Test
    void atLeastOneWriteInFlight() {
        assertThrows(IllegalArgumentException.class, () -> new BoundedWrites(session, 0));
    }
}
