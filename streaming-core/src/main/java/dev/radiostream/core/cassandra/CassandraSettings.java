package dev.radiostream.core.cassandra;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where Cassandra is and which keyspace holds our tables. Environment: CASSANDRA_CONTACT_POINTS, CASSANDRA_KEYSPACE, ... */
@ConfigMapping(prefix = "cassandra")
public interface CassandraSettings {

    /** Comma-separated host:port list. */
    @WithDefault("127.0.0.1:9042")
    String contactPoints();

    @WithDefault("datacenter1")
    String localDatacenter();

    @WithDefault("streaming")
    String keyspace();

    /** Replication factor of the keyspace when this service creates it (SimpleStrategy). */
    @WithDefault("1")
    int replicationFactor();

    @WithDefault("10s")
    Duration requestTimeout();

    default CassandraEndpoint endpoint() {
        return new CassandraEndpoint(contactPoints(), localDatacenter(), keyspace(), replicationFactor(),
                requestTimeout().toMillis());
    }
}
