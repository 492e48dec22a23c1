package dev.radiostream.core.cassandra;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where Cassandra is, how to log in and trust it, and which keyspace holds our tables. Environment:
 * CASSANDRA_CONTACT_POINTS, CASSANDRA_KEYSPACE, CASSANDRA_USERNAME, CASSANDRA_PASSWORD (or CASSANDRA_PASSWORD_FILE), ...
 */
@ConfigMapping(prefix = "cassandra")
public interface CassandraSettings {

    /** Defaults the help of --cassandra and --keyspace shows too (CassandraOptions). */
    String DEFAULT_CONTACT_POINTS = "127.0.0.1:9042";
    String DEFAULT_KEYSPACE = "streaming";

    /** Comma-separated host:port list. */
    @WithDefault(DEFAULT_CONTACT_POINTS)
    String contactPoints();

    @WithDefault("datacenter1")
    String localDatacenter();

    @WithDefault(DEFAULT_KEYSPACE)
    String keyspace();

    /** Replication factor of the keyspace when this service creates it (an existing keyspace is left as it is). */
    @WithDefault("1")
    int replicationFactor();

    /**
     * The data centre of the keyspace's replicas: when set, the keyspace is created with NetworkTopologyStrategy
     * {@code {'<dc>': replication-factor}} (what production clusters use); when absent, with SimpleStrategy.
     */
    Optional<String> replicationDatacenter();

    /** PasswordAuthenticator user; none when absent. */
    Optional<String> username();

    /** A secret: never printed. From CASSANDRA_PASSWORD or the file named by CASSANDRA_PASSWORD_FILE. */
    Optional<String> password();

    /** Client-to-node TLS. */
    @WithDefault("false")
    boolean ssl();

    /** Trust store (PKCS12 or JKS) of Cassandra's certificate authority; the JVM's own trust when absent. */
    Optional<String> truststorePath();

    Optional<String> truststorePassword();

    /** Check that Cassandra's certificate names the address connected to. */
    @WithDefault("true")
    boolean hostnameValidation();

    @WithDefault("10s")
    Duration requestTimeout();

    default CassandraEndpoint endpoint() {
        return new CassandraEndpoint(contactPoints(), localDatacenter(), keyspace(), replicationFactor(),
                replicationDatacenter().orElse(null), requestTimeout().toMillis(),
                new CassandraSecurity(username().orElse(null), password().orElse(null), ssl(),
                        truststorePath().orElse(null), truststorePassword().orElse(null), hostnameValidation()));
    }
}
