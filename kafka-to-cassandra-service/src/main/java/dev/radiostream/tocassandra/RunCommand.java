package dev.radiostream.tocassandra;

import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import dev.radiostream.common.spark.QueryRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kafka-to-cassandra-service run}: each option's descriptionKey is the configuration key it overrides. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the streaming query (as a service, or once over what is in the topic with --once).")
public class RunCommand implements Callable<Integer> {

    @Inject
    QueryRunner runner;

    @Option(names = "--sink-style", descriptionKey = "kafka-to-cassandra.sink-style", paramLabel = "connector|foreach-writer",
            description = "connector: Spark Cassandra Connector in foreachBatch; foreach-writer: ForeachWriter on the Java driver")
    String sinkStyle;

    @Option(names = "--consumer-id", descriptionKey = "consumer.id", paramLabel = "ID",
            description = "id under which offsets are stored (default kafka-to-cassandra-<sink-style>)")
    String consumerId;

    @Option(names = "--topic", descriptionKey = "kafka-to-cassandra.topic", description = "topic to read (default song-counts)")
    String topic;

    @Option(names = "--keyspace", descriptionKey = "cassandra.keyspace", description = "Cassandra keyspace (default streaming)")
    String keyspace;

    @Option(names = "--cassandra", descriptionKey = "cassandra.contact-points", paramLabel = "HOST:PORT,...",
            description = "Cassandra contact points")
    String contactPoints;

    @Option(names = "--bootstrap-servers", descriptionKey = "kafka.bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Kafka bootstrap servers")
    String bootstrapServers;

    @Option(names = "--max-offsets-per-trigger", descriptionKey = "consumer.max-offsets-per-trigger", paramLabel = "N",
            description = "upper bound of records per micro-batch")
    Long maxOffsetsPerTrigger;

    @Option(names = "--once", description = "process what is in the topic now, then exit (0 on success)")
    boolean once;

    @Override
    public Integer call() throws Exception {
        return runner.run(once);
    }
}
