package dev.radiostream.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;

/**
 * Apache Kafka in KRaft mode: one process that is both broker (client port) and controller (controller port).
 * Its storage is formatted once, as a standalone controller quorum of one.
 */
final class KafkaServer implements StackServer {

    private static final Duration FORMAT_TIMEOUT = Duration.ofMinutes(2);

    private final StackConfig config;
    private final Path dir;
    private final Path configDir;
    private final Path dataDir;
    private final Path serverProperties;
    private final Path log4jConfig;
    private List<Path> classpath;
    private Path javaHome;

    KafkaServer(StackConfig config) {
        this.config = config;
        this.dir = config.runDir().resolve(name());
        this.configDir = dir.resolve("config");
        this.dataDir = dir.resolve("data");
        this.serverProperties = configDir.resolve("server.properties");
        this.log4jConfig = configDir.resolve("log4j2.properties");
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public int clientPort() {
        return config.kafkaPort();
    }

    @Override
    public List<Integer> ports() {
        return List.of(config.kafkaPort(), config.kafkaControllerPort());
    }

    @Override
    public Path logFile() {
        return dir.resolve("logs").resolve("kafka.log");
    }

    @Override
    public Path pidFile() {
        return dir.resolve("kafka.pid");
    }

    @Override
    public String processMarker() {
        return serverProperties.toString();
    }

    @Override
    public void prepare(ArtifactResolver resolver) throws IOException {
        classpath = resolver.classpath(name(), config.kafkaVersion(),
                dir.resolve("server-classpath-" + config.kafkaVersion() + ".txt"));
        javaHome = JavaRuntime.findJava17Home(System.getenv());
        Files.createDirectories(configDir);
        Files.createDirectories(dataDir);
        Files.deleteIfExists(serverProperties);
        Files.createFile(serverProperties, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(serverProperties, serverProperties());
        Files.writeString(log4jConfig, log4jConfig());
        formatStorageOnce();
    }

    String serverProperties() {
        String host = config.host();
        String clientListener = config.secure() ? "SASL_SSL" : "PLAINTEXT";
        return String.join("\n",
                "# Written by local-stack at each start: edit KafkaServer.java, not this file.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=" + host + ":" + config.kafkaControllerPort(),
                "listeners=" + clientListener + "://" + host + ":" + config.kafkaPort() + ",CONTROLLER://" + host + ":" + config.kafkaControllerPort(),
                "advertised.listeners=" + clientListener + "://" + host + ":" + config.kafkaPort() + ",CONTROLLER://" + host + ":" + config.kafkaControllerPort(),
                "inter.broker.listener.name=" + clientListener,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=CONTROLLER:" + clientListener + "," + clientListener + ":" + clientListener,
                config.secure() ? securedListeners() : "# security: none (./stack up --secure for SASL_SSL)",
                "log.dirs=" + dataDir,
                "num.partitions=1",
                "auto.create.topics.enable=true",
                // One broker: every internal topic must make do with one replica.
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // Consumers of a fresh group start at once instead of waiting 3 s for more members.
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    /**
     * SASL/PLAIN over TLS on both listeners (clients and controller), one user: the stack's, which the broker also
     * uses for its own connections to the controller. The file holds passwords: it is readable by its owner only.
     */
    private String securedListeners() {
        StackSecurity security = StackSecurity.of(config);
        String login = StackSecurity.plainLogin(StackSecurity.KAFKA_USER, security.kafkaPassword());
        String users = login.substring(0, login.length() - 1) + " user_" + StackSecurity.KAFKA_USER + "=\""
                + security.kafkaPassword() + "\";";
        return String.join("\n",
                "sasl.enabled.mechanisms=PLAIN",
                "sasl.mechanism.inter.broker.protocol=PLAIN",
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.sasl_ssl.plain.sasl.jaas.config=" + users,
                "listener.name.controller.plain.sasl.jaas.config=" + users,
                "ssl.keystore.type=PKCS12",
                "ssl.keystore.location=" + security.keystore(),
                "ssl.keystore.password=" + security.storePassword(),
                "ssl.truststore.type=PKCS12",
                "ssl.truststore.location=" + security.truststore(),
                "ssl.truststore.password=" + security.storePassword());
    }

    /** Warnings and the start/stop milestones only: the broker is chatty at INFO. */
    private static String log4jConfig() {
        return String.join("\n",
                "status = warn",
                "appender.console.type = Console",
                "appender.console.name = console",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = warn",
                "rootLogger.appenderRef.console.ref = console",
                "logger.raftServer.name = kafka.server.KafkaRaftServer",
                "logger.raftServer.level = info",
                "logger.broker.name = kafka.server.BrokerServer",
                "logger.broker.level = info",
                "");
    }

    /**
     * KRaft storage must be formatted with a cluster id before the first start. The controller's address is
     * recorded by the format, so a changed controller port means a fresh format (the stack's data is disposable).
     */
    private void formatStorageOnce() throws IOException {
        Path formattedFor = dir.resolve("formatted-for-controller-port");
        String controllerPort = Integer.toString(config.kafkaControllerPort());
        boolean formatted = Files.exists(dataDir.resolve("meta.properties"))
                && Files.exists(formattedFor)
                && Files.readString(formattedFor).trim().equals(controllerPort);
        if (formatted) {
            return;
        }
        ArtifactResolver.deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        String clusterId = runStorageTool(List.of("random-uuid")).lines()
                .map(String::trim)
                .filter(line -> line.matches("[A-Za-z0-9_-]{22}"))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new StackException("kafka: StorageTool random-uuid printed no cluster id"));
        runStorageTool(List.of("format", "-t", clusterId, "-c", serverProperties.toString(), "--standalone"));
        Files.writeString(formattedFor, controllerPort + "\n");
    }

    private String runStorageTool(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                JavaRuntime.javaExecutable(javaHome).toString(), "-Xmx256m",
                "-Dlog4j2.configurationFile=" + log4jConfig,
                "-cp", classpathString(), "kafka.tools.StorageTool"));
        command.addAll(arguments);
        ProcessLauncher.Completed result = ProcessLauncher.run(command, dir, Map.of(), FORMAT_TIMEOUT);
        if (result.exitCode() != 0) {
            throw new StackException("kafka: StorageTool " + arguments.get(0) + " failed (exit " + result.exitCode()
                    + "): " + result.output().trim());
        }
        return result.output();
    }

    @Override
    public ProcessLauncher.LaunchSpec launchSpec() {
        List<String> command = List.of(
                JavaRuntime.javaExecutable(javaHome).toString(),
                "-Xmx512m",
                // The GC settings of Kafka's own kafka-run-class.sh.
                "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35",
                "-XX:+ExplicitGCInvokesConcurrent",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4jConfig,
                // Console output needs no flush at exit, and the hook only adds a warning when it comes too late.
                "-Dlog4j2.shutdownHookEnabled=false",
                "-Dkafka.logs.dir=" + logFile().getParent(),
                "-cp", classpathString(),
                "kafka.Kafka",
                serverProperties.toString());
        return new ProcessLauncher.LaunchSpec(command, Map.of(), dir, logFile());
    }

    /** describeCluster and listTopics both answered, with this broker in the cluster. */
    @Override
    public void checkReady() throws Exception {
        if (!Ports.acceptsConnections(config.host(), config.kafkaPort(), Duration.ofSeconds(1))) {
            throw new NotReadyException("port " + config.kafkaPort() + " not open yet");
        }
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-stack-readiness");
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        if (config.secure()) {
            properties.putAll(StackSecurity.of(config).kafkaClientProperties());
        }
        Admin admin = Admin.create(properties);
        try {
            Collection<Node> nodes = admin.describeCluster().nodes().get(6, TimeUnit.SECONDS);
            if (nodes.isEmpty()) {
                throw new NotReadyException("the cluster has no broker yet");
            }
            admin.listTopics().names().get(6, TimeUnit.SECONDS);
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
    }

    private String classpathString() {
        return classpath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }
}
