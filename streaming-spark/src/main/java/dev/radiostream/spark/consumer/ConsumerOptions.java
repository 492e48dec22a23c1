package dev.radiostream.spark.consumer;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.radiostream.core.cli.CassandraOptions;
import dev.radiostream.core.cli.KafkaOptions;
import dev.radiostream.spark.query.SparkOptions;

/** The options every consuming service has: its servers, its consumer id, its batch bound. */
public class ConsumerOptions {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    CassandraOptions cassandra;

    @Mixin
    SparkOptions spark;

    @Option(names = "--consumer-id", descriptionKey = "consumer.id", paramLabel = "ID",
            description = "id under which the offsets are stored in Cassandra (default: the service name and its mode)")
    String consumerId;

    @Option(names = "--max-offsets-per-trigger", descriptionKey = "consumer.max-offsets-per-trigger", paramLabel = "N",
            description = "upper bound of records per micro-batch (default: "
                    + ConsumerSettings.DEFAULT_MAX_OFFSETS_PER_TRIGGER + ")")
    Long maxOffsetsPerTrigger;
}
