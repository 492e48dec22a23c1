package dev.radiostream.core.cassandra;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.datastax.oss.driver.api.core.CqlSession;
import org.jboss.logging.Logger;

/**
 * The service's one Cassandra session, opened on first use and opened again on the next call when
 * Cassandra was not reachable: a service starts without Cassandra and becomes ready once it is there.
 * The keyspace is created when missing.
 */
@ApplicationScoped
public class CassandraSessions {

    private static final Logger LOG = Logger.getLogger(CassandraSessions.class);

    private final CassandraEndpoint endpoint;
    private CqlSession session;

    public CassandraSessions(CassandraSettings settings) {
        this.endpoint = settings.endpoint();
    }

    public CassandraEndpoint endpoint() {
        return endpoint;
    }

    public String keyspace() {
        return endpoint.keyspace();
    }

    public synchronized CqlSession session() {
        if (session == null || session.isClosed()) {
            CqlSession opened = endpoint.openSession();
            try {
                CassandraSchema.createKeyspace(opened, endpoint.keyspace(), endpoint.replicationFactor(),
                        endpoint.replicationDatacenter());
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
            LOG.infof("Connected to Cassandra at %s, keyspace %s", endpoint.contactPoints(), endpoint.keyspace());
            session = opened;
        }
        return session;
    }

    @PreDestroy
    synchronized void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
