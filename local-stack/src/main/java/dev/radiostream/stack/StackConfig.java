package dev.radiostream.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Everything the stack needs to know, read once from system properties, environment variables and defaults.
 * <p>
 * Each setting has an environment name ({@code STACK_KAFKA_PORT}) and a system property name
 * ({@code stack.kafka.port}); the system property wins, so a test JVM can override what the shell exported.
 *
 * @param repositoryRoot  the checkout holding {@code local-stack/servers/*}/pom.xml and {@code .mvn/settings.xml}
 * @param runDir          where servers keep their data, logs and pid files
 * @param host            the only address servers bind to
 * @param elasticsearchUser the unprivileged account Elasticsearch runs as when the stack is started by root
 * @param sparkCluster    the optional Spark standalone cluster ({@code ./stack up spark-cluster})
 * @param secure          SASL_SSL Kafka, PasswordAuthenticator + TLS Cassandra, Elasticsearch security + TLS
 *                        ({@code ./stack up --secure} or STACK_SECURE=true; see {@link StackSecurity})
 */
public record StackConfig(
        Path repositoryRoot,
        Path runDir,
        String host,
        int kafkaPort,
        int kafkaControllerPort,
        int cassandraPort,
        int cassandraStoragePort,
        int elasticsearchPort,
        int elasticsearchTransportPort,
        Duration startTimeout,
        Duration stopTimeout,
        String kafkaVersion,
        String cassandraVersion,
        String elasticsearchVersion,
        String elasticsearchUser,
        SparkClusterConfig sparkCluster,
        boolean secure) {

    public static final String HOST = "127.0.0.1";
    public static final String CASSANDRA_DATACENTER = "datacenter1";

    private static final String VERSIONS_RESOURCE = "/stack-versions.properties";

    /** Reads the configuration of this JVM: its system properties, its environment, its working directory. */
    public static StackConfig load() {
        Map<String, String> systemProperties = new HashMap<>();
        System.getProperties().forEach((key, value) -> systemProperties.put(key.toString(), value.toString()));
        return from(System.getenv(), systemProperties, Path.of("").toAbsolutePath(), loadServerVersions());
    }

    /** Pure parsing, for tests: no access to the process environment. */
    static StackConfig from(Map<String, String> env, Map<String, String> systemProperties, Path workingDir,
                            Map<String, String> serverVersions) {
        Settings settings = new Settings(env, systemProperties);
        Path repositoryRoot = findRepositoryRoot(systemProperties.get("stack.repository.root"), workingDir);
        String runDirSetting = settings.get("STACK_RUN_DIR");
        Path runDir = runDirSetting == null
                ? repositoryRoot.resolve(".run").resolve("stack")
                : workingDir.resolve(runDirSetting).normalize();

        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("STACK_KAFKA_PORT", settings.port("STACK_KAFKA_PORT", 9092));
        ports.put("STACK_KAFKA_CONTROLLER_PORT", settings.port("STACK_KAFKA_CONTROLLER_PORT", 9093));
        ports.put("STACK_CASSANDRA_PORT", settings.port("STACK_CASSANDRA_PORT", 9042));
        ports.put("STACK_CASSANDRA_STORAGE_PORT", settings.port("STACK_CASSANDRA_STORAGE_PORT", 7000));
        ports.put("STACK_ELASTICSEARCH_PORT", settings.port("STACK_ELASTICSEARCH_PORT", 9200));
        ports.put("STACK_ELASTICSEARCH_TRANSPORT_PORT", settings.port("STACK_ELASTICSEARCH_TRANSPORT_PORT", 9300));
        ports.put("STACK_SPARK_MASTER_PORT", settings.port("STACK_SPARK_MASTER_PORT", 7077));
        ports.put("STACK_SPARK_MASTER_UI_PORT", settings.port("STACK_SPARK_MASTER_UI_PORT", 8090));
        int workers = settings.positiveInt("STACK_SPARK_WORKERS", 2);
        int firstWorkerUiPort = settings.port("STACK_SPARK_WORKER_UI_PORT", 8091);
        for (int worker = 1; worker <= workers; worker++) {
            ports.put("STACK_SPARK_WORKER_UI_PORT (worker " + worker + ")", firstWorkerUiPort + worker - 1);
        }
        rejectDuplicatePorts(ports);
        SparkClusterConfig sparkCluster = new SparkClusterConfig(
                ports.get("STACK_SPARK_MASTER_PORT"),
                ports.get("STACK_SPARK_MASTER_UI_PORT"),
                firstWorkerUiPort,
                workers,
                settings.positiveInt("STACK_SPARK_WORKER_CORES", 6),
                memorySize(settings.getOrDefault("STACK_SPARK_WORKER_MEMORY", "3g")),
                requireVersion(serverVersions, "spark"));

        return new StackConfig(
                repositoryRoot,
                runDir,
                HOST,
                ports.get("STACK_KAFKA_PORT"),
                ports.get("STACK_KAFKA_CONTROLLER_PORT"),
                ports.get("STACK_CASSANDRA_PORT"),
                ports.get("STACK_CASSANDRA_STORAGE_PORT"),
                ports.get("STACK_ELASTICSEARCH_PORT"),
                ports.get("STACK_ELASTICSEARCH_TRANSPORT_PORT"),
                Duration.ofSeconds(settings.positiveInt("STACK_START_TIMEOUT_SECONDS", 120)),
                Duration.ofSeconds(settings.positiveInt("STACK_STOP_TIMEOUT_SECONDS", 30)),
                requireVersion(serverVersions, "kafka"),
                requireVersion(serverVersions, "cassandra"),
                requireVersion(serverVersions, "elasticsearch"),
                settings.getOrDefault("STACK_ELASTICSEARCH_USER", "nobody"),
                sparkCluster,
                settings.get("STACK_SECURE") == null ? Files.exists(securedMark(runDir))
                        : Boolean.parseBoolean(settings.get("STACK_SECURE")));
    }

    /**
     * The Spark standalone cluster: one master and {@code workers} workers, started only on request.
     *
     * @param workerCores  task slots each worker offers. A scheduling budget, not a CPU limit: the default 6 lets
     *                     the six Spark services of the pipeline each place an executor on every worker
     * @param workerMemory what each worker may give its executors ("3g" = six executors of 512m)
     * @param version      Spark's version, the one the services are built with (same jars on both sides)
     */
    public record SparkClusterConfig(int masterPort, int masterUiPort, int firstWorkerUiPort, int workers,
                                     int workerCores, String workerMemory, String version) {

        public String masterUrl() {
            return "spark://" + HOST + ":" + masterPort;
        }

        public String masterUiUrl() {
            return "http://" + HOST + ":" + masterUiPort;
        }

        /** Web UI port of worker {@code index} (1-based). */
        public int workerUiPort(int index) {
            return firstWorkerUiPort + index - 1;
        }
    }

    /** Spark's memory notation: a number with an optional k/m/g/t suffix ("512m", "3g"). */
    private static String memorySize(String value) {
        if (!value.matches("(?i)[0-9]+[kmgt]?")) {
            throw new StackException("STACK_SPARK_WORKER_MEMORY must look like 512m or 3g, got '" + value + "'");
        }
        return value.toLowerCase(java.util.Locale.ROOT);
    }

    public String kafkaBootstrapServers() {
        return host + ":" + kafkaPort;
    }

    public String elasticsearchUrl() {
        return (secure ? "https://" : "http://") + host + ":" + elasticsearchPort;
    }

    /**
     * A secured stack beside this one, for tests that need both: its own run directory ({@code <run dir>-secured})
     * and every server port {@code portOffset} higher (STACK_SECURED_PORT_OFFSET, 200 by default: 9292, 9242, 9400...).
     */
    public StackConfig securedSibling() {
        int offset = Integer.parseInt(System.getProperty("stack.secured.port.offset",
                System.getenv().getOrDefault("STACK_SECURED_PORT_OFFSET", "200")));
        return new StackConfig(repositoryRoot, runDir.resolveSibling(runDir.getFileName() + "-secured"), host,
                kafkaPort + offset, kafkaControllerPort + offset, cassandraPort + offset, cassandraStoragePort + offset,
                elasticsearchPort + offset, elasticsearchTransportPort + offset, startTimeout, stopTimeout, kafkaVersion,
                cassandraVersion, elasticsearchVersion, elasticsearchUser, sparkCluster, true);
    }

    /** Present while the run directory's servers were last started secured (STACK_SECURE unset then follows it). */
    static Path securedMark(Path runDir) {
        return runDir.resolve("security").resolve("in-use");
    }

    /** The same stack, secured or not (the command line's {@code --secure}). */
    public StackConfig withSecure(boolean secured) {
        return new StackConfig(repositoryRoot, runDir, host, kafkaPort, kafkaControllerPort, cassandraPort,
                cassandraStoragePort, elasticsearchPort, elasticsearchTransportPort, startTimeout, stopTimeout, kafkaVersion,
                cassandraVersion, elasticsearchVersion, elasticsearchUser, sparkCluster, secured);
    }

    public StackEndpoints endpoints() {
        return new StackEndpoints(kafkaBootstrapServers(), host, cassandraPort, CASSANDRA_DATACENTER, elasticsearchUrl());
    }

    /**
     * The checkout root: the {@code stack.repository.root} system property (set by the {@code stack} script and by
     * Surefire in every module), else the nearest ancestor holding the {@code stack} script and {@code local-stack},
     * else the nearest git root, else the working directory.
     */
    static Path findRepositoryRoot(String configured, Path workingDir) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = workingDir; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("stack")) && Files.isDirectory(dir.resolve("local-stack"))) {
                return dir;
            }
        }
        for (Path dir = workingDir; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        return workingDir;
    }

    /** Two servers on one port would fail late and confusingly: refuse the configuration up front. */
    private static void rejectDuplicatePorts(Map<String, Integer> ports) {
        Map<Integer, String> owners = new HashMap<>();
        ports.forEach((name, port) -> {
            String previous = owners.putIfAbsent(port, name);
            if (previous != null) {
                throw new StackException(previous + " and " + name + " are both " + port + ": each server port must differ");
            }
        });
    }

    private static String requireVersion(Map<String, String> versions, String server) {
        String version = versions.get(server);
        if (version == null || version.isBlank() || version.contains("${")) {
            throw new StackException("no " + server + " version in " + VERSIONS_RESOURCE
                    + " (it is filled in from the root pom when local-stack is built with Maven)");
        }
        return version.trim();
    }

    /** The server versions, taken from the root pom's stack.*.version properties at build time (resource filtering). */
    static Map<String, String> loadServerVersions() {
        Properties properties = new Properties();
        try (InputStream in = StackConfig.class.getResourceAsStream(VERSIONS_RESOURCE)) {
            if (in == null) {
                throw new StackException(VERSIONS_RESOURCE + " is missing from the classpath: rebuild local-stack with Maven");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new StackException("cannot read " + VERSIONS_RESOURCE + ": " + e.getMessage(), e);
        }
        Map<String, String> versions = new HashMap<>();
        properties.forEach((key, value) -> versions.put(key.toString(), value.toString()));
        return versions;
    }

    /** Looks a setting up as system property first ({@code stack.kafka.port}), then as environment variable. */
    private record Settings(Map<String, String> env, Map<String, String> systemProperties) {

        String get(String envName) {
            String propertyName = envName.toLowerCase().replace('_', '.');
            String value = systemProperties.get(propertyName);
            if (value == null || value.isBlank()) {
                value = env.get(envName);
            }
            return value == null || value.isBlank() ? null : value.trim();
        }

        String getOrDefault(String envName, String defaultValue) {
            String value = get(envName);
            return value == null ? defaultValue : value;
        }

        int port(String envName, int defaultPort) {
            int port = integer(envName, defaultPort);
            if (port < 1 || port > 65535) {
                throw new StackException(envName + " must be a port number (1-65535), got '" + get(envName) + "'");
            }
            return port;
        }

        int positiveInt(String envName, int defaultValue) {
            int value = integer(envName, defaultValue);
            if (value < 1) {
                throw new StackException(envName + " must be a positive number, got '" + get(envName) + "'");
            }
            return value;
        }

        private int integer(String envName, int defaultValue) {
            String value = get(envName);
            if (value == null) {
                return defaultValue;
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new StackException(envName + " must be a number, got '" + value + "'");
            }
        }
    }
}
