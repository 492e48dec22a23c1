package dev.radiostream.core.cli;

import picocli.CommandLine.Option;

/** Where Cassandra is and which keyspace holds the tables, as command-line options shared by the services. */
public class CassandraOptions {

    @Option(names = "--cassandra", descriptionKey = "cassandra.contact-points", paramLabel = "HOST:PORT,...",
            description = "Cassandra contact points (default: 127.0.0.1:9042)")
    String contactPoints;

    @Option(names = "--keyspace", descriptionKey = "cassandra.keyspace", paramLabel = "NAME",
            description = "Cassandra keyspace of the tables, offsets included (default: streaming)")
    String keyspace;
}
