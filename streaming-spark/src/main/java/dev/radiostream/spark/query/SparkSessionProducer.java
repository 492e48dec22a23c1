package dev.radiostream.spark.query;

import java.util.TreeMap;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The service's SparkSession, configured from every {@code spark.*} configuration key
 * (application.properties, environment variables for keys that have a default, system properties).
 * Defaults live in this module's META-INF/microprofile-config.properties: local[*], a small number of
 * shuffle partitions for 2-core machines, no UI.
 * <p>
 * Dependent, not a singleton: each lookup returns Spark's running session, or a new one once Spark has stopped
 * it ({@link QueryLifecycle} asks again then, and stops the session on shutdown).
 */
public class SparkSessionProducer {

    private static final Logger LOG = Logger.getLogger(SparkSessionProducer.class);

    @Produces
    @Dependent
    SparkSession sparkSession() {
        Config config = ConfigProvider.getConfig();
        TreeMap<String, String> sparkKeys = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("spark.")) {
                config.getOptionalValue(name, String.class).ifPresent(value -> sparkKeys.put(name, value));
            }
        }
        SparkConf conf = new SparkConf(false);
        sparkKeys.forEach(conf::set);
        if (ClusterJars.isStandaloneMaster(conf.get("spark.master", "")) && !conf.contains("spark.jars")) {
            // Executors on a cluster have Spark only: they get this service's classes and connectors from it.
            java.util.List<java.nio.file.Path> jars = ClusterJars.forExecutors();
            conf.set("spark.jars", String.join(",", jars.stream().map(java.nio.file.Path::toString).toList()));
            LOG.infof("Shipping %d jars (%d MB) to the executors of %s", jars.size(),
                    ClusterJars.totalBytes(jars) >> 20, conf.get("spark.master"));
        }
        // Spark looks data sources up through the context class loader; under Quarkus that must be the
        // application class loader, which sees the connectors' META-INF/services files.
        Thread.currentThread().setContextClassLoader(SparkSessionProducer.class.getClassLoader());
        SparkSession session = SparkSession.builder().config(conf).getOrCreate();
        LOG.infof("Spark %s session started: master=%s, shuffle partitions=%s", session.version(),
                conf.get("spark.master", "?"), conf.get("spark.sql.shuffle.partitions", "200"));
        return session;
    }
}
