package dev.radiostream.core.cli;

import dev.radiostream.core.cassandra.CassandraSettings;
import picocli.CommandLine.Option;

/** Where Cassandra is and which keyspace holds the tables, as command-line options shared by the services. */
public class CassandraOptions {

    @Option(names = "--cassandra", descriptionKey = "cassandra.contact-points", paramLabel = "HOST:PORT,...",
            description = "Cassandra contact points (default: " + CassandraSettings.DEFAULT_CONTACT_POINTS + ")")
    String contactPoints;

    @Option(names = "--keyspace", descriptionKey = "cassandra.keyspace", paramLabel = "NAME",
            description = "Cassandra keyspace of the tables, offsets included (default: " + CassandraSettings.DEFAULT_KEYSPACE + ")")
    String keyspace;
}
