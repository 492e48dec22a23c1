package dev.radiostream.core.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;

import java.util.LinkedHashMap;
import java.util.Map;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.querybuilder.SchemaBuilder;
import com.datastax.oss.driver.api.querybuilder.insert.RegularInsert;
import com.datastax.oss.driver.api.querybuilder.term.Term;

/**
 * Names in CQL. Every statement is built with the driver's QueryBuilder or SchemaBuilder from {@link CqlIdentifier}s,
 * never glued into a string (a build check, CqlIdentifierRule, keeps it so). Names come from configuration and are
 * checked here first, so that a mistyped keyspace is a clear error at start rather than a quoted odd name.
 */
public final class CassandraSchema {

    private CassandraSchema() {
    }

    /** Creates the keyspace unless it exists: NetworkTopologyStrategy in {@code datacenter}, or SimpleStrategy when null. */
    public static void createKeyspace(CqlSession session, String keyspace, int replicationFactor, String datacenter) {
        var create = SchemaBuilder.createKeyspace(identifier(keyspace)).ifNotExists();
        session.execute(datacenter == null
                ? create.withSimpleStrategy(replicationFactor).build()
                : create.withNetworkTopologyStrategy(Map.of(datacenter, replicationFactor)).build());
    }

    /** INSERT INTO keyspace.table (columns) VALUES (?, ...): one bound value per column, in this order. */
    public static RegularInsert insertBound(CqlIdentifier keyspace, CqlIdentifier table, String... columns) {
        Map<String, Term> values = new LinkedHashMap<>();
        for (String column : columns) {
            values.put(column, bindMarker());
        }
        return insertInto(keyspace, table).values(values);
    }

    /** A plain CQL name: letters, digits and underscores, starting with a letter; anything else is refused. */
    public static CqlIdentifier identifier(String name) {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]{0,47}")) {
            throw new IllegalArgumentException("not a valid Cassandra name: '" + name
                    + "' (letters, digits and _ only, starting with a letter, at most 48 characters)");
        }
        return CqlIdentifier.fromInternal(name);
    }
}
