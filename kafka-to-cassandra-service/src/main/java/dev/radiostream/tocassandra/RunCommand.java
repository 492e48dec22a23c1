package dev.radiostream.tocassandra;

import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import dev.radiostream.core.cli.ConfigFileDefaults;
import dev.radiostream.spark.query.QueryRunner;
import dev.radiostream.spark.consumer.ConsumerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kafka-to-cassandra-service run}: each option's descriptionKey is the configuration key it overrides. */
@Command(name = "run", mixinStandardHelpOptions = true, defaultValueProvider = ConfigFileDefaults.class,
        description = "Run the streaming query (as a service, or once over what is in the topic with --once).")
public class RunCommand implements Callable<Integer> {

    @Inject
    QueryRunner runner;

    @Mixin
    ConsumerOptions consumer;

    @Option(names = "--sink-style", descriptionKey = "kafka-to-cassandra.sink-style", paramLabel = "connector|foreach-writer",
            description = "connector: Spark Cassandra Connector in foreachBatch; foreach-writer: ForeachWriter on the Java driver")
    String sinkStyle;

    @Option(names = "--topic", descriptionKey = "kafka-to-cassandra.topic", description = "topic to read (default "
            + SinkSettings.DEFAULT_TOPIC + ")")
    String topic;

    @Option(names = "--once", description = "process what is in the topic now, then exit (0 on success)")
    boolean once;

    @Override
    public Integer call() throws Exception {
        return runner.run(once);
    }
}
