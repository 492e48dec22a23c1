package dev.radiostream.tocassandra;

import com.datastax.oss.driver.api.core.CqlSession;

import dev.radiostream.core.cassandra.CassandraSchema;

/** The song count tables: one row per song, ((radio), artist, title) -> count, updated_at. */
final class SongCountTable {

    private SongCountTable() {
    }

    static void create(CqlSession session, String keyspace, String table) {
        session.execute("CREATE TABLE IF NOT EXISTS " + qualified(keyspace, table) + " ("
                + "radio text, artist text, title text, count bigint, updated_at timestamp, "
                + "PRIMARY KEY ((radio), artist, title))");
    }

    static String upsertCql(String keyspace, String table) {
        return "INSERT INTO " + qualified(keyspace, table) + " (radio, artist, title, count, updated_at) VALUES (?, ?, ?, ?, ?)";
    }

    static String qualified(String keyspace, String table) {
        return CassandraSchema.identifier(keyspace) + "." + CassandraSchema.identifier(table);
    }
}
