package dev.radiostream.pipeline;

import java.util.Map;

/**
 * Where the Spark services run: in their own JVM (local mode, the services' default) or on a standalone cluster,
 * as the driver of an application there.
 *
 * @param master   null for local mode, else the master URL (spark://host:7077)
 * @param coresMax cores each service takes from the cluster (0: the services' default)
 */
public record SparkPlacement(String master, int coresMax) {

    public static final SparkPlacement LOCAL = new SparkPlacement(null, 0);

    /** One executor on each of {@code workers} workers for every service. */
    public static SparkPlacement cluster(String master, int workers) {
        return new SparkPlacement(master, workers);
    }

    public boolean onCluster() {
        return master != null;
    }

    /** The environment that places a service there (the variables the services read). */
    public Map<String, String> environment() {
        if (!onCluster()) {
            return Map.of();
        }
        return coresMax > 0 ? Map.of("SPARK_MASTER", master, "SPARK_CORES_MAX", Integer.toString(coresMax))
                : Map.of("SPARK_MASTER", master);
    }
}
