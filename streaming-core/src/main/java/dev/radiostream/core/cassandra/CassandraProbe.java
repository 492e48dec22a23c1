package dev.radiostream.core.cassandra;

import jakarta.enterprise.context.ApplicationScoped;

import dev.radiostream.core.health.DependencyProbe;

/** Cassandra is usable when it answers a query. Services without Cassandra exclude this package. */
@ApplicationScoped
public class CassandraProbe implements DependencyProbe {

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
        sessions.session().execute("SELECT release_version FROM system.local");
    }
}
