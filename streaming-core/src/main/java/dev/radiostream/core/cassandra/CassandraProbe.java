package dev.radiostream.core.cassandra;

import jakarta.enterprise.context.ApplicationScoped;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.querybuilder.QueryBuilder;

import dev.radiostream.core.health.DependencyProbe;

/** Cassandra is usable when it answers a query. Services without Cassandra exclude this package. */
@ApplicationScoped
public class CassandraProbe implements DependencyProbe {

    private static final SimpleStatement RELEASE_VERSION = QueryBuilder.selectFrom("system", "local")
            .column("release_version").build();

    private final CassandraSessions sessions;

    public CassandraProbe(CassandraSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public String name() {
        return "cassandra";
    }

    @Override
    public String address() {
        return sessions.endpoint().contactPoints();
    }

    @Override
    public void check() {
        sessions.session().execute(RELEASE_VERSION);
    }
}
