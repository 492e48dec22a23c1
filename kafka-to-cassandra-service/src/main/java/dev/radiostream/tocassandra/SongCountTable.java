package dev.radiostream.tocassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.SchemaBuilder.createTable;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.type.DataTypes;

import dev.radiostream.core.cassandra.CassandraSchema;

/**
 * The song count tables: one row per song, ((radio), artist, title) -> count, updated_at.
 * <p>
 * Both sink styles write a row with its total as the write time ({@code USING TIMESTAMP count}), so Cassandra
 * itself keeps the highest total of a song whatever order the writes arrive in: after partitions are added, a
 * song's records sit in two partitions, and an older total from a lagging partition may be written after a
 * newer one. Without a read or a lightweight transaction: the hot path stays one plain write per song.
 * The price: a row is removed with TRUNCATE, or with a DELETE ... USING TIMESTAMP above its count (a plain DELETE
 * takes the clock's time, far above any count, and would hide the song's later totals).
 */
final class SongCountTable {

    private SongCountTable() {
    }

    static void create(CqlSession session, String keyspace, String table) {
        session.execute(createTable(CassandraSchema.identifier(keyspace), CassandraSchema.identifier(table)).ifNotExists()
                .withPartitionKey("radio", DataTypes.TEXT).withClusteringColumn("artist", DataTypes.TEXT)
                .withClusteringColumn("title", DataTypes.TEXT).withColumn("count", DataTypes.BIGINT)
                .withColumn("updated_at", DataTypes.TIMESTAMP).build());
    }

    /** Binds radio, artist, title, count, updated_at, then the write time (the count again). */
    static SimpleStatement upsert(String keyspace, String table) {
        return CassandraSchema.insertBound(CassandraSchema.identifier(keyspace), CassandraSchema.identifier(table),
                "radio", "artist", "title", "count", "updated_at").usingTimestamp(bindMarker()).build();
    }
}
