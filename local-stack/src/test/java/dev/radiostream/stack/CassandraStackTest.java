package dev.radiostream.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class CassandraStackTest {

    private static final String KEYSPACE = TestNames.unique("stack_test");

    private static CqlSession session;

    @BeforeAll
    static void connect(StackEndpoints stack) {
        session = CqlSession.builder()
                .addContactPoint(stack.cassandraContactPoint())
                .withLocalDatacenter(stack.cassandraLocalDatacenter())
                // Schema changes on a node that has just started take longer than the 2 s default.
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                        .build())
                .build();
        session.execute("CREATE KEYSPACE " + KEYSPACE
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE " + KEYSPACE + ".plays_by_title ("
                + "radio text, title text, artist text, plays int, PRIMARY KEY ((radio), title))");
    }

    @AfterAll
    static void dropKeyspace() {
        if (session != null) {
            session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
            session.close();
        }
    }

    @Test
    void serverIsCassandraFive() {
        Row row = session.execute("SELECT release_version FROM system.local").one();

        assertNotNull(row);
        assertEquals("5.0", row.getString("release_version").substring(0, 3));
    }

    @Test
    void writesAndReadsBackARowWithAnApostropheThroughPreparedStatements() {
        PreparedStatement insert = session.prepare("INSERT INTO " + KEYSPACE
                + ".plays_by_title (radio, title, artist, plays) VALUES (?, ?, ?, ?)");
        PreparedStatement select = session.prepare("SELECT artist, plays FROM " + KEYSPACE
                + ".plays_by_title WHERE radio = ? AND title = ?");

        session.execute(insert.bind("nova", "Don't Stop Me Now", "Queen", 34));
        session.execute(insert.bind("nova", "I'm Upset", "Drake", 7));

        Row row = session.execute(select.bind("nova", "Don't Stop Me Now")).one();
        assertNotNull(row, "the row written is read back");
        assertEquals("Queen", row.getString("artist"));
        assertEquals(34, row.getInt("plays"));
        assertNull(session.execute(select.bind("nrj", "Don't Stop Me Now")).one(), "another partition is empty");
        assertEquals(2, session.execute("SELECT count(*) FROM " + KEYSPACE + ".plays_by_title WHERE radio = 'nova'")
                .one().getLong(0));
    }
}
