package dev.radiostream.core.cassandra;

import java.io.Serializable;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;

/**
 * How to reach Cassandra, as a plain serializable value: Spark ships it to executors, where
 * sink code opens its own session with {@link #openSession()}.
 *
 * @param replicationDatacenter the keyspace is created with NetworkTopologyStrategy and this data centre when set,
 *                              with SimpleStrategy when null
 */
public record CassandraEndpoint(String contactPoints, String localDatacenter, String keyspace,
        int replicationFactor, String replicationDatacenter, long requestTimeoutMillis, CassandraSecurity security)
        implements Serializable {

    /** An open Cassandra (no authentication, no TLS), keyspace with SimpleStrategy. */
    public CassandraEndpoint(String contactPoints, String localDatacenter, String keyspace, int replicationFactor,
            long requestTimeoutMillis) {
        this(contactPoints, localDatacenter, keyspace, replicationFactor, null, requestTimeoutMillis, CassandraSecurity.NONE);
    }

    public List<InetSocketAddress> addresses() {
        return Arrays.stream(contactPoints.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(hostPort -> {
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                return new InetSocketAddress(hostPort, 9042);
            }
            return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        }).toList();
    }

    /** A session without a default keyspace: statements name the keyspace, which may not exist yet. */
    public CqlSession openSession() {
        Duration timeout = Duration.ofMillis(requestTimeoutMillis);
        ProgrammaticDriverConfigLoaderBuilder config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, timeout.multipliedBy(3))
                // A reconnecting session must not flood the log while Cassandra is down.
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(10))
                .withString(DefaultDriverOption.PROTOCOL_VERSION, "V5")
                // No quiet period when closing: a command-line tool or a stopping service exits 2 s sooner.
                .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0);
        security.applyTo(config);
        return CqlSession.builder()
                .addContactPoints(addresses())
                .withLocalDatacenter(localDatacenter)
                .withConfigLoader(config.build())
                .build();
    }
}
