package dev.radiostream.tocassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static com.datastax.oss.driver.api.querybuilder.SchemaBuilder.createTable;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
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

    private static final long CLOCK_WRITE_TIMES_ABOVE = 1_000_000_000_000L;

    private SongCountTable() {
    }

    static void create(CqlSession session, String keyspace, String table) {
        session.execute(createTable(CassandraSchema.identifier(keyspace), CassandraSchema.identifier(table)).ifNotExists()
                .withPartitionKey("radio", DataTypes.TEXT).withClusteringColumn("artist", DataTypes.TEXT)
                .withClusteringColumn("title", DataTypes.TEXT).withColumn("count", DataTypes.BIGINT)
                .withColumn("updated_at", DataTypes.TIMESTAMP).build());
    }

    /**
     * Refuses a table written by a version before the count became the write time: its rows carry the clock's
     * write time and would win over every later total of their songs. One row is looked at (such a table has
     * nothing else; a single row written by hand among the others can go unnoticed): a count never comes near a
     * clock's microseconds since 1970 (10^12 is eleven days after it).
     */
    static void checkWriteTimes(CqlSession session, String keyspace, String table) {
        Row row = session.execute(selectFrom(CassandraSchema.identifier(keyspace), CassandraSchema.identifier(table))
                .writeTime("count").limit(1).build()).one();
        if (row != null && !row.isNull(0) && row.getLong(0) > CLOCK_WRITE_TIMES_ABOVE) {
            throw new IllegalStateException("table " + keyspace + "." + table + " holds rows written with the clock's"
                    + " write time (by an older version of this service): they would hide every later total."
                    + " Empty it (TRUNCATE) and reset this consumer's offsets to earliest (offset-admin reset"
                    + " --to-earliest), or write to another table");
        }
    }

    /** Binds radio, artist, title, count, updated_at, then the write time (the count again). */
    static SimpleStatement upsert(String keyspace, String table) {
        return CassandraSchema.insertBound(CassandraSchema.identifier(keyspace), CassandraSchema.identifier(table),
                "radio", "artist", "title", "count", "updated_at").usingTimestamp(bindMarker()).build();
    }
}
