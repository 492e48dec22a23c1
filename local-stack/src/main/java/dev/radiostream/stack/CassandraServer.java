package dev.radiostream.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;

/** Apache Cassandra 5.0, one node, started straight from its jars (CassandraDaemon) on Java 17. */
final class CassandraServer implements StackServer {

    /**
     * The JPMS and GC options of Cassandra's conf/jvm17-server.options (5.0), which its start script would add:
     * Cassandra reaches into JDK internals and fails at start or under load without them.
     */
    static final List<String> JVM17_SERVER_OPTIONS = List.of(
            "-XX:+UseG1GC", "-XX:+ParallelRefProcEnabled", "-XX:MaxTenuringThreshold=1", "-XX:G1HeapRegionSize=16m",
            "-XX:G1RSetUpdatingPauseTimePercent=5", "-XX:MaxGCPauseMillis=300", "-XX:InitiatingHeapOccupancyPercent=70",
            "-Djdk.attach.allowAttachSelf=true",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "-Dio.netty.allocator.useCacheForAllThreads=true",
            "-Dio.netty.allocator.maxOrder=11");

    /**
     * From conf/jvm-server.options, minus -XX:+AlwaysPreTouch (it would make the whole heap resident at start) and
     * -XX:-UseBiasedLocking (deprecated on 17).
     */
    static final List<String> GENERAL_SERVER_OPTIONS = List.of(
            "-ea", "-da:net.openhft...", "-XX:+UseThreadPriorities", "-XX:+HeapDumpOnOutOfMemoryError", "-Xss256k",
            "-XX:+UseTLAB", "-XX:+ResizeTLAB", "-XX:+UseNUMA", "-XX:+PerfDisableSharedMem",
            "-Djava.net.preferIPv4Stack=true");

    private final StackConfig config;
    private final Path dir;
    private final Path configDir;
    private final Path dataDir;
    private final Path cassandraYaml;
    private final Path logbackXml;
    private List<Path> classpath;
    private Path javaHome;

    CassandraServer(StackConfig config) {
        this.config = config;
        this.dir = config.runDir().resolve(name());
        this.configDir = dir.resolve("config");
        this.dataDir = dir.resolve("data");
        this.cassandraYaml = configDir.resolve("cassandra.yaml");
        this.logbackXml = configDir.resolve("logback.xml");
    }

    @Override
    public String name() {
        return "cassandra";
    }

    @Override
    public int clientPort() {
        return config.cassandraPort();
    }

    @Override
    public List<Integer> ports() {
        return List.of(config.cassandraPort(), config.cassandraStoragePort());
    }

    @Override
    public Path logFile() {
        return dir.resolve("logs").resolve("cassandra.log");
    }

    @Override
    public Path pidFile() {
        return dir.resolve("cassandra.pid");
    }

    @Override
    public String processMarker() {
        return cassandraYaml.toString();
    }

    @Override
    public void prepare(ArtifactResolver resolver) throws IOException {
        classpath = resolver.classpath(name(), config.cassandraVersion(),
                dir.resolve("server-classpath-" + config.cassandraVersion() + ".txt"));
        javaHome = JavaRuntime.findJava17Home(System.getenv());
        Files.createDirectories(configDir.resolve("triggers"));
        Files.createDirectories(dataDir);
        Files.deleteIfExists(cassandraYaml);
        Files.createFile(cassandraYaml, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(cassandraYaml, cassandraYaml());
        Files.writeString(logbackXml, logbackXml());
    }

    /** A minimal single-node configuration; everything not named keeps Cassandra's default. */
    String cassandraYaml() {
        String host = config.host();
        return String.join("\n",
                "# Written by local-stack at each start: edit CassandraServer.java, not this file.",
                "cluster_name: radiostream-local",
                "num_tokens: 16",
                "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
                "endpoint_snitch: SimpleSnitch",
                "seed_provider:",
                "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider",
                "    parameters:",
                "      - seeds: \"" + host + ":" + config.cassandraStoragePort() + "\"",
                "listen_address: " + host,
                "rpc_address: " + host,
                "storage_port: " + config.cassandraStoragePort(),
                "native_transport_port: " + config.cassandraPort(),
                "start_native_transport: true",
                "data_file_directories:",
                "  - " + dataDir.resolve("data"),
                "commitlog_directory: " + dataDir.resolve("commitlog"),
                "saved_caches_directory: " + dataDir.resolve("saved_caches"),
                "hints_directory: " + dataDir.resolve("hints"),
                "cdc_raw_directory: " + dataDir.resolve("cdc_raw"),
                "commitlog_sync: periodic",
                "commitlog_sync_period: 10000ms",
                // Tests drop keyspaces all the time: no snapshot (flush + hard links) before each drop or truncate.
                "auto_snapshot: false",
                config.secure() ? securedClients() : "authenticator: AllowAllAuthenticator",
                "authorizer: AllowAllAuthorizer",
                // Spark's connector batches rows of one partition: keep large unlogged batches accepted.
                "batch_size_warn_threshold: 64KiB",
                "batch_size_fail_threshold: 640KiB",
                // USING TIMESTAMP stays allowed (it is the default; stated because writers rely on it).
                "user_timestamps_enabled: true",
                "");
    }

    /**
     * PasswordAuthenticator and client-to-node TLS required (no plain connection accepted). The built-in superuser
     * gets the stack's password at the first secured start ({@link #checkReady()}).
     */
    private String securedClients() {
        StackSecurity security = StackSecurity.of(config);
        return String.join("\n",
                "authenticator: PasswordAuthenticator",
                "role_manager: CassandraRoleManager",
                "client_encryption_options:",
                "  enabled: true",
                "  optional: false",
                "  keystore: " + security.keystore(),
                "  keystore_password: " + security.storePassword(),
                "  store_type: PKCS12",
                "  require_client_auth: false");
    }

    /** Console only (captured in the log file), INFO: Cassandra's start and errors are what matter here. */
    private static String logbackXml() {
        return String.join("\n",
                "<configuration scan=\"false\">",
                "  <appender name=\"console\" class=\"ch.qos.logback.core.ConsoleAppender\">",
                "    <encoder><pattern>%-5level [%thread] %date{ISO8601} %logger{0}: %msg%n</pattern></encoder>",
                "  </appender>",
                "  <root level=\"INFO\"><appender-ref ref=\"console\"/></root>",
                "</configuration>",
                "");
    }

    @Override
    public ProcessLauncher.LaunchSpec launchSpec() {
        List<String> command = new ArrayList<>(memoryLockPrevention());
        command.add(JavaRuntime.javaExecutable(javaHome).toString());
        command.addAll(List.of("-Xms512m", "-Xmx512m"));
        command.addAll(GENERAL_SERVER_OPTIONS);
        command.addAll(JVM17_SERVER_OPTIONS);
        command.add("-javaagent:" + jammJar());
        command.addAll(List.of(
                "-Dcassandra-foreground=true",
                "-Dcassandra.config=" + cassandraYaml.toUri(),
                "-Dcassandra.storagedir=" + dataDir,
                "-Dcassandra.logdir=" + logFile().getParent(),
                "-Dlogback.configurationFile=" + logbackXml,
                // A single node has nobody to gossip with or wait for: start at once.
                "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                "-Dcassandra.ring_delay_ms=0",
                // Secured: the default superuser exists at once, not 10 s after start.
                "-Dcassandra.superuser_setup_delay_ms=0",
                "-Dcassandra.triggers_dir=" + configDir.resolve("triggers"),
                // What cassandra-env.sh adds: a node out of memory may corrupt data if it carries on.
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:HeapDumpPath=" + dataDir,
                "-XX:ErrorFile=" + logFile().getParent().resolve("hs_err_pid%p.log"),
                "-cp", classpath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)),
                "org.apache.cassandra.service.CassandraDaemon"));
        return new ProcessLauncher.LaunchSpec(command, Map.of(), dir, logFile());
    }

    /**
     * Cassandra mlockall()s its whole heap when it may (as root, ~1.5 GB resident instead of ~650 MB). A 64 KiB
     * locked-memory limit makes the call fail harmlessly; root ignores that limit while it holds CAP_IPC_LOCK, so
     * root also drops that capability from the process it launches.
     */
    private static List<String> memoryLockPrevention() {
        List<String> wrapper = new ArrayList<>(List.of("prlimit", "--memlock=65536:65536", "--"));
        if (ProcessLauncher.isRoot()) {
            wrapper.addAll(List.of("setpriv", "--inh-caps=-ipc_lock", "--bounding-set=-ipc_lock", "--"));
        }
        return wrapper;
    }

    /** Cassandra measures object sizes with jamm, loaded as a java agent; cassandra-all depends on it. */
    private Path jammJar() {
        return classpath.stream()
                .filter(jar -> jar.getFileName().toString().startsWith("jamm-"))
                .findFirst()
                .orElseThrow(() -> new StackException("cassandra: no jamm jar on the resolved classpath"));
    }

    /** A CQL query answered: the native transport opens last in Cassandra's start sequence. */
    @Override
    public void checkReady() throws Exception {
        if (!Ports.acceptsConnections(config.host(), config.cassandraPort(), Duration.ofSeconds(1))) {
            throw new NotReadyException("CQL port " + config.cassandraPort() + " not open yet");
        }
        if (config.secure()) {
            checkReadySecured();
            return;
        }
        try (CqlSession session = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(config.host(), config.cassandraPort()))
                .withLocalDatacenter(StackConfig.CASSANDRA_DATACENTER)
                .withConfigLoader(probeConfig().build())
                .build()) {
            requireReleaseVersion(session);
        }
    }

    /**
     * Logs in with the stack's password; at the first secured start the superuser still has Cassandra's default
     * password: log in with that once and replace it.
     */
    private void checkReadySecured() throws Exception {
        StackSecurity security = StackSecurity.of(config);
        try (CqlSession session = securedSession(security.cassandraPassword())) {
            requireReleaseVersion(session);
            return;
        } catch (com.datastax.oss.driver.api.core.AllNodesFailedException e) {
            boolean authenticationFailed = e.getAllErrors().values().stream().flatMap(List::stream)
                    .anyMatch(error -> error instanceof com.datastax.oss.driver.api.core.auth.AuthenticationException);
            if (!authenticationFailed) {
                throw e;
            }
        }
        try (CqlSession session = securedSession(StackSecurity.CASSANDRA_DEFAULT_PASSWORD)) {
            // The password is generated from letters and digits only (StackSecurity): nothing to escape.
            session.execute("ALTER ROLE " + StackSecurity.CASSANDRA_USER + " WITH PASSWORD = '" + security.cassandraPassword() + "'");
        }
        throw new NotReadyException("the superuser's password was just replaced; checking again");
    }

    private CqlSession securedSession(String password) {
        StackSecurity security = StackSecurity.of(config);
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress(config.host(), config.cassandraPort()))
                .withLocalDatacenter(StackConfig.CASSANDRA_DATACENTER)
                .withAuthCredentials(StackSecurity.CASSANDRA_USER, password)
                .withSslContext(security.sslContext())
                .withConfigLoader(probeConfig().build())
                .build();
    }

    private static void requireReleaseVersion(CqlSession session) throws NotReadyException {
        Row row = session.execute("SELECT release_version FROM system.local").one();
        if (row == null || row.getString("release_version") == null) {
            throw new NotReadyException("system.local has no release_version yet");
        }
    }

    private static com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder probeConfig() {
        return DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, Duration.ofSeconds(3))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(3))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(3))
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(5))
                // Only one query: no need to load the schema and token map.
                .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
                .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
                // Netty waits a 2 s quiet period when the session closes: nothing to wait for after one query.
                .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0);
    }
}
