package dev.radiostream.toelastic;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

@TopCommand
@Command(name = "kafka-to-elastic-service", mixinStandardHelpOptions = true, version = "kafka-to-elastic-service 1.0",
        description = "Indexes the song counts, or every play, of a Kafka topic into Elasticsearch; offsets are kept in Cassandra.",
        subcommands = RunCommand.class)
public class KafkaToElasticCommand {
}
