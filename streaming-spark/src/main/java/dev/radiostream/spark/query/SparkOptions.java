package dev.radiostream.spark.query;

import picocli.CommandLine.Option;

/**
 * Where a Spark service runs: local threads or a standalone cluster, and the size of its executors there. The
 * defaults live in this module's META-INF/microprofile-config.properties: a command that mixes these options in
 * declares {@code defaultValueProvider = ConfigFileDefaults.class} to show them.
 */
public class SparkOptions {

    @Option(names = "--spark-master", descriptionKey = "spark.master", paramLabel = "URL",
            description = "local[*] or a standalone cluster, spark://host:7077; the service stays the driver "
                    + "(default: ${DEFAULT-VALUE})")
    String master;

    @Option(names = "--executor-memory", descriptionKey = "spark.executor.memory", paramLabel = "SIZE",
            description = "heap of each executor on a cluster (default: ${DEFAULT-VALUE})")
    String executorMemory;

    @Option(names = "--executor-cores", descriptionKey = "spark.executor.cores", paramLabel = "N",
            description = "cores of each executor on a cluster (default: ${DEFAULT-VALUE})")
    Integer executorCores;

    @Option(names = "--cores-max", descriptionKey = "spark.cores.max", paramLabel = "N",
            description = "cores this service takes from the cluster in all (default: ${DEFAULT-VALUE})")
    Integer coresMax;
}
