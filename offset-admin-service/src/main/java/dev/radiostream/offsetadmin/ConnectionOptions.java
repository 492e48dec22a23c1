package dev.radiostream.offsetadmin;

import picocli.CommandLine.Option;

/**
 * Where the servers are, shared by every command. Each option's descriptionKey is the configuration key it
 * sets (ServiceLauncher turns it into a system property before Quarkus starts), so the same can be given by
 * environment variables (KAFKA_BOOTSTRAP_SERVERS, CASSANDRA_CONTACT_POINTS, CASSANDRA_KEYSPACE).
 */
public class ConnectionOptions {

    @Option(names = "--bootstrap-servers", descriptionKey = "kafka.bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Kafka bootstrap servers (default: 127.0.0.1:9092)")
    String bootstrapServers;

    @Option(names = "--cassandra", descriptionKey = "cassandra.contact-points", paramLabel = "HOST:PORT,...",
            description = "Cassandra contact points (default: 127.0.0.1:9042)")
    String cassandra;

    @Option(names = "--keyspace", descriptionKey = "cassandra.keyspace", paramLabel = "NAME",
            description = "keyspace of the kafka_offsets table (default: streaming)")
    String keyspace;
}
