package dev.radiostream.producer;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

@TopCommand
@Command(name = "producer-service", mixinStandardHelpOptions = true, version = "producer-service 1.0",
        description = "Streams the radio-plays Parquet data set into Kafka.",
        subcommands = RunCommand.class)
public class ProducerCommand {
}
