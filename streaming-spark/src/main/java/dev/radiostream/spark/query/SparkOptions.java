package dev.radiostream.spark.query;

import picocli.CommandLine.Option;

/** Where a Spark service runs: local threads or a standalone cluster, and the size of its executors there. */
public class SparkOptions {

    @Option(names = "--spark-master", descriptionKey = "spark.master", paramLabel = "URL",
            description = "local[*] (default) or a standalone cluster, spark://host:7077; the service stays the driver")
    String master;

    @Option(names = "--executor-memory", descriptionKey = "spark.executor.memory", paramLabel = "SIZE",
            description = "heap of each executor on a cluster (default 512m)")
    String executorMemory;

    @Option(names = "--executor-cores", descriptionKey = "spark.executor.cores", paramLabel = "N",
            description = "cores of each executor on a cluster (default 1)")
    Integer executorCores;

    @Option(names = "--cores-max", descriptionKey = "spark.cores.max", paramLabel = "N",
            description = "cores this service takes from the cluster in all (default 2)")
    Integer coresMax;
}
