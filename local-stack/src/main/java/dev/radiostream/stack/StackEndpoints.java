package dev.radiostream.stack;

import java.net.InetSocketAddress;

/**
 * Where the clients of a running stack connect.
 *
 * @param kafkaBootstrapServers      e.g. {@code 127.0.0.1:9092}
 * @param cassandraHost              CQL contact point host
 * @param cassandraPort              CQL contact point port
 * @param cassandraLocalDatacenter   the datacenter name the Java driver must be given ({@code datacenter1})
 * @param elasticsearchUrl           e.g. {@code http://127.0.0.1:9200}
 */
public record StackEndpoints(
        String kafkaBootstrapServers,
        String cassandraHost,
        int cassandraPort,
        String cassandraLocalDatacenter,
        String elasticsearchUrl) {

    public InetSocketAddress cassandraContactPoint() {
        return new InetSocketAddress(cassandraHost, cassandraPort);
    }

    /** The {@code host:port} form some connectors take (e.g. spark.cassandra.connection.host + port). */
    public String cassandraHostAndPort() {
        return cassandraHost + ":" + cassandraPort;
    }
}
