package dev.radiostream.tocassandra;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

@TopCommand
@Command(name = "kafka-to-cassandra-service", mixinStandardHelpOptions = true, version = "kafka-to-cassandra-service 1.0",
        description = "Upserts the song counts of a Kafka topic into Cassandra; offsets are kept in Cassandra.",
        subcommands = RunCommand.class)
public class KafkaToCassandraCommand {
}
