package dev.radiostream.core.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;

/**
 * The tables shared by the services, created when missing. Identifiers come from configuration, never
 * from data, and are validated before they reach a DDL statement.
 */
public final class CassandraSchema {

    private CassandraSchema() {
    }

    public static void createKeyspace(CqlSession session, String keyspace, int replicationFactor) {
        session.execute("CREATE KEYSPACE IF NOT EXISTS " + identifier(keyspace)
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': " + replicationFactor + "}");
    }

    /** Where each consumer resumes: the next offset to read per topic partition. */
    public static void createOffsetTables(CqlSession session, String keyspace) {
        session.execute("CREATE TABLE IF NOT EXISTS " + identifier(keyspace) + ".kafka_offsets ("
                + "consumer text, topic text, partition int, next_offset bigint, updated_at timestamp, "
                + "PRIMARY KEY ((consumer), topic, partition))");
        // One row per running consumer, refreshed while its query runs and expiring by TTL when it dies.
        session.execute("CREATE TABLE IF NOT EXISTS " + identifier(keyspace) + ".consumer_heartbeats ("
                + "consumer text PRIMARY KEY, host text, pid bigint, started_at timestamp, updated_at timestamp)");
    }

    /** Dead letters: records a consumer could not use, kept with the reason. */
    public static void createRejectedRecordsTable(CqlSession session, String keyspace) {
        session.execute("CREATE TABLE IF NOT EXISTS " + identifier(keyspace) + ".rejected_records ("
                + "consumer text, topic text, partition int, offset bigint, raw_value text, reason text, "
                + "rejected_at timestamp, PRIMARY KEY ((consumer), topic, partition, offset))");
    }

    /** Accepts plain CQL identifiers only: letters, digits and underscores, starting with a letter. */
    public static String identifier(String name) {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]{0,47}")) {
            throw new IllegalArgumentException("not a valid Cassandra name: '" + name
                    + "' (letters, digits and _ only, starting with a letter, at most 48 characters)");
        }
        return name;
    }
}
