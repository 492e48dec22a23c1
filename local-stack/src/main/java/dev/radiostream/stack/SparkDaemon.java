package dev.radiostream.stack;

import java.nio.file.Path;

/**
 * A daemon of the Spark standalone cluster, master or worker: a directory of its own under the cluster's, the
 * properties file local-stack writes there (its process marker), its log and its pid file, named after its role.
 */
abstract class SparkDaemon implements StackServer {

    final StackConfig config;
    final SparkHome sparkHome;
    final Path dir;
    final Path propertiesFile;
    private final String role;

    /** @param role "master" or "worker": spark-ROLE.conf, logs/ROLE.log and ROLE.pid in {@code dir} */
    SparkDaemon(StackConfig config, SparkHome sparkHome, Path dir, String role) {
        this.config = config;
        this.sparkHome = sparkHome;
        this.dir = dir;
        this.propertiesFile = dir.resolve("spark-" + role + ".conf");
        this.role = role;
    }

    /** The pid file of the daemon of this role whose directory is {@code dir}. */
    static Path pidFile(Path dir, String role) {
        return dir.resolve(role + ".pid");
    }

    @Override
    public Path logFile() {
        return dir.resolve("logs").resolve(role + ".log");
    }

    @Override
    public Path pidFile() {
        return pidFile(dir, role);
    }

    @Override
    public String processMarker() {
        return propertiesFile.toString();
    }
}
