package dev.radiostream.tocassandra;

import static com.datastax.oss.driver.api.querybuilder.SchemaBuilder.createTable;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.type.DataTypes;

import dev.radiostream.core.cassandra.CassandraSchema;

/** The song count tables: one row per song, ((radio), artist, title) -> count, updated_at. */
final class SongCountTable {

    private SongCountTable() {
    }

    static void create(CqlSession session, String keyspace, String table) {
        session.execute(createTable(CassandraSchema.identifier(keyspace), CassandraSchema.identifier(table)).ifNotExists()
                .withPartitionKey("radio", DataTypes.TEXT).withClusteringColumn("artist", DataTypes.TEXT)
                .withClusteringColumn("title", DataTypes.TEXT).withColumn("count", DataTypes.BIGINT)
                .withColumn("updated_at", DataTypes.TIMESTAMP).build());
    }

    static SimpleStatement upsert(String keyspace, String table) {
        return CassandraSchema.insertBound(CassandraSchema.identifier(keyspace), CassandraSchema.identifier(table),
                "radio", "artist", "title", "count", "updated_at").build();
    }
}
