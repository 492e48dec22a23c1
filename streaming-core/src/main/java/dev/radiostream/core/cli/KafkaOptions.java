package dev.radiostream.core.cli;

import dev.radiostream.core.kafka.KafkaSettings;
import picocli.CommandLine.Option;

/**
 * Where Kafka is, as a command-line option shared by the services ({@code @Mixin}). Like every option here, its
 * descriptionKey is the configuration key it sets (see {@link ServiceLauncher}).
 */
public class KafkaOptions {

    @Option(names = "--bootstrap-servers", descriptionKey = "kafka.bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Kafka bootstrap servers (default: " + KafkaSettings.DEFAULT_BOOTSTRAP_SERVERS + ")")
    String bootstrapServers;
}
