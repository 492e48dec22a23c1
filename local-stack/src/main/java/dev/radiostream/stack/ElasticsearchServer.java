package dev.radiostream.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Elasticsearch 8.8 from its "integ-test-zip" distribution (the real server with a minimal module set), single
 * node, security off (on with TLS and a file-realm user when the stack is secured). Launched through its own bin/elasticsearch, which runs a small CLI JVM that starts and
 * watches the server JVM (the CLI computes the server's JVM options).
 * <p>
 * Elasticsearch refuses to run as root. When the stack is started by root, it runs as an unprivileged account
 * ({@code nobody} unless STACK_ELASTICSEARCH_USER says otherwise) that owns its files; that account must be able
 * to traverse every parent directory of them, so a run directory under e.g. a 0700 /root moves Elasticsearch's
 * files to /var/tmp.
 */
final class ElasticsearchServer implements StackServer {

    private final StackConfig config;
    private final Path dir;
    private final Path home;
    private final Path configDir;
    private final boolean runAsOtherUser;
    private Path distribution;
    private Path javaHome;
    private HttpClient httpClient;

    ElasticsearchServer(StackConfig config) {
        this.config = config;
        this.dir = config.runDir().resolve(name());
        this.runAsOtherUser = ProcessLauncher.isRoot();
        this.home = runAsOtherUser && !traversableByOthers(dir) ? fallbackHome(config.runDir()) : dir;
        this.configDir = home.resolve("config");
    }

    @Override
    public String name() {
        return "elasticsearch";
    }

    @Override
    public int clientPort() {
        return config.elasticsearchPort();
    }

    @Override
    public List<Integer> ports() {
        return List.of(config.elasticsearchPort(), config.elasticsearchTransportPort());
    }

    @Override
    public Path logFile() {
        return dir.resolve("logs").resolve("elasticsearch.log");
    }

    @Override
    public Path pidFile() {
        return dir.resolve("elasticsearch.pid");
    }

    /**
     * The distribution path: the CLI JVM carries it in -Des.path.home, the server JVM in its --module-path (the CLI
     * hands the config path to the server through stdin, not its command line).
     */
    @Override
    public String processMarker() {
        return home.resolve("dist").resolve("elasticsearch-").toString();
    }

    @Override
    public List<String> notes() {
        return home.equals(dir) ? List.of() : List.of("files under " + home + " (the run directory is not reachable by "
                + config.elasticsearchUser() + ")");
    }

    @Override
    public void prepare(ArtifactResolver resolver) throws IOException {
        javaHome = JavaRuntime.findJava17Home(System.getenv());
        Path distributionParent = home.resolve("dist");
        createTraversableDirectories(home);
        distribution = resolver.unpack(name(), config.elasticsearchVersion(), distributionParent,
                "elasticsearch-" + config.elasticsearchVersion());
        restoreExecutableBits(distribution.resolve("bin"));
        writeConfiguration();
        for (String sub : List.of("data", "logs", "tmp")) {
            Files.createDirectories(home.resolve(sub));
        }
        if (runAsOtherUser) {
            ProcessLauncher.changeOwner(home, unprivilegedUser());
        }
    }

    private void writeConfiguration() throws IOException {
        Files.createDirectories(configDir);
        // The distribution's other config files (role mappings, users, jvm.options.d) as shipped, once.
        try (Stream<Path> shipped = Files.list(distribution.resolve("config"))) {
            for (Path source : (Iterable<Path>) shipped::iterator) {
                Path target = configDir.resolve(source.getFileName().toString());
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
        Files.writeString(configDir.resolve("elasticsearch.yml"), elasticsearchYml());
        Files.writeString(configDir.resolve("jvm.options"), jvmOptions());
        Files.writeString(configDir.resolve("log4j2.properties"), log4jConfig());
        if (config.secure()) {
            writeSecurityFiles();
        }
    }

    /**
     * The stack's certificate and key as PEM in the config directory (Elasticsearch reads files there only), and the
     * stack's user in the file realm, added with the distribution's own tool unless it is there already.
     */
    private void writeSecurityFiles() throws IOException {
        StackSecurity security = StackSecurity.of(config);
        Files.copy(security.certificatePem(), configDir.resolve("http.crt"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(security.privateKeyPem(), configDir.resolve("http.key"), StandardCopyOption.REPLACE_EXISTING);
        Path users = configDir.resolve("users");
        boolean present = Files.exists(users) && Files.readAllLines(users).stream()
                .anyMatch(line -> line.startsWith(StackSecurity.ELASTICSEARCH_USER + ":"));
        if (present) {
            return;
        }
        Map<String, String> environment = new HashMap<>();
        environment.put("ES_JAVA_HOME", javaHome.toString());
        environment.put("ES_PATH_CONF", configDir.toString());
        environment.put("JAVA_HOME", null);
        ProcessLauncher.Completed result = ProcessLauncher.run(List.of(
                distribution.resolve("bin").resolve("elasticsearch-users").toString(), "useradd",
                StackSecurity.ELASTICSEARCH_USER, "-p", security.elasticsearchPassword(), "-r", "superuser"),
                home, environment, Duration.ofMinutes(1));
        if (result.exitCode() != 0) {
            // The command line holds the password: report the tool's output only.
            throw new StackException("elasticsearch: elasticsearch-users useradd failed (exit " + result.exitCode() + "): "
                    + result.output().replace(security.elasticsearchPassword(), "****").trim());
        }
    }

    String elasticsearchYml() {
        return String.join("\n",
                "# Written by local-stack at each start: edit ElasticsearchServer.java, not this file.",
                "cluster.name: radiostream-local",
                "node.name: local",
                "path.data: " + home.resolve("data"),
                "path.logs: " + home.resolve("logs"),
                "network.host: " + config.host(),
                "http.port: " + config.elasticsearchPort(),
                "transport.port: " + config.elasticsearchTransportPort(),
                "discovery.type: single-node",
                config.secure() ? String.join("\n",
                        "xpack.security.enabled: true",
                        "xpack.security.http.ssl.enabled: true",
                        "xpack.security.http.ssl.certificate: http.crt",
                        "xpack.security.http.ssl.key: http.key",
                        // One node: no transport connection to protect.
                        "xpack.security.transport.ssl.enabled: false")
                        : "xpack.security.enabled: false",
                // A nearly full developer disk must not turn indices read-only.
                "cluster.routing.allocation.disk.threshold_enabled: false",
                "");
    }

    /** The distribution's jvm.options with absolute paths (it logs GC to a path relative to the read-only home). */
    private String jvmOptions() {
        return String.join("\n",
                "-XX:+UseG1GC",
                "-Djava.io.tmpdir=${ES_TMPDIR}",
                "-XX:+HeapDumpOnOutOfMemoryError",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:HeapDumpPath=" + home.resolve("data"),
                "-XX:ErrorFile=" + home.resolve("logs").resolve("hs_err_pid%p.log"),
                "");
    }

    /** Console only, captured in the log file; deprecation warnings silenced. */
    private static String log4jConfig() {
        return String.join("\n",
                "status = error",
                "appender.console.type = Console",
                "appender.console.name = console",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] [%node_name]%marker %m%consoleException%n",
                "rootLogger.level = info",
                "rootLogger.appenderRef.console.ref = console",
                "logger.deprecation.name = org.elasticsearch.deprecation",
                "logger.deprecation.level = error",
                "");
    }

    @Override
    public ProcessLauncher.LaunchSpec launchSpec() {
        List<String> command = new ArrayList<>();
        if (runAsOtherUser) {
            ProcessLauncher.UnixUser user = unprivilegedUser();
            command.addAll(List.of("setpriv", "--reuid=" + user.uid(), "--regid=" + user.gid(), "--clear-groups", "--"));
        }
        command.add(distribution.resolve("bin").resolve("elasticsearch").toString());
        Map<String, String> environment = new HashMap<>();
        environment.put("ES_JAVA_HOME", javaHome.toString());
        environment.put("ES_PATH_CONF", configDir.toString());
        // Elasticsearch pre-touches its heap by default, making all of it resident at once: not worth it here.
        environment.put("ES_JAVA_OPTS", "-Xms512m -Xmx512m -XX:-AlwaysPreTouch");
        environment.put("ES_TMPDIR", home.resolve("tmp").toString());
        environment.put("HOME", home.toString());
        // bin/elasticsearch warns that it ignores JAVA_HOME: it uses ES_JAVA_HOME.
        environment.put("JAVA_HOME", null);
        return new ProcessLauncher.LaunchSpec(command, environment, distribution, logFile());
    }

    /**
     * Cluster health at least yellow, and GET / identifying itself as Elasticsearch: the es-hadoop connector checks
     * that header before any write.
     */
    @Override
    public void checkReady() throws Exception {
        if (!Ports.acceptsConnections(config.host(), config.elasticsearchPort(), Duration.ofSeconds(1))) {
            throw new NotReadyException("HTTP port " + config.elasticsearchPort() + " not open yet");
        }
        HttpResponse<String> health = get("/_cluster/health?wait_for_status=yellow&timeout=2s");
        if (health.statusCode() != 200 || !health.body().contains("\"timed_out\":false")) {
            throw new NotReadyException("cluster health not yet yellow (HTTP " + health.statusCode() + ")");
        }
        HttpResponse<String> root = get("/");
        String product = root.headers().firstValue("X-elastic-product").orElse("");
        if (root.statusCode() != 200 || !product.equals("Elasticsearch")) {
            throw new NotReadyException("GET / answered HTTP " + root.statusCode() + " with X-elastic-product '"
                    + product + "'");
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        synchronized (this) {
            if (httpClient == null) {
                HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
                if (config.secure()) {
                    builder.sslContext(StackSecurity.of(config).sslContext());
                }
                httpClient = builder.build();
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.elasticsearchUrl() + path))
                .timeout(Duration.ofSeconds(5))
                .GET();
        if (config.secure()) {
            request.header("Authorization", StackSecurity.of(config).elasticsearchAuthorization());
        }
        return httpClient.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private ProcessLauncher.UnixUser unprivilegedUser() {
        ProcessLauncher.UnixUser user = ProcessLauncher.lookupUser(config.elasticsearchUser())
                .orElseThrow(() -> new StackException("elasticsearch: user '" + config.elasticsearchUser()
                        + "' does not exist; Elasticsearch refuses to run as root: set STACK_ELASTICSEARCH_USER "
                        + "to an unprivileged account"));
        if (user.uid() == 0) {
            throw new StackException("elasticsearch: STACK_ELASTICSEARCH_USER must not be a root account");
        }
        return user;
    }

    /** Unzipped elsewhere than by Maven (or by an older tool), bin/* may have lost its exec bits. */
    private static void restoreExecutableBits(Path bin) throws IOException {
        try (Stream<Path> scripts = Files.list(bin)) {
            for (Path script : (Iterable<Path>) scripts::iterator) {
                if (Files.isRegularFile(script) && !script.toString().endsWith(".bat") && !script.toString().endsWith(".exe")) {
                    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    /** True if every existing directory from / down to {@code path} lets any user through (o+x). */
    static boolean traversableByOthers(Path path) {
        for (Path current = path.toAbsolutePath(); current != null; current = current.getParent()) {
            if (Files.isDirectory(current)) {
                try {
                    if (!Files.getPosixFilePermissions(current).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                        return false;
                    }
                } catch (IOException e) {
                    return false;
                }
            }
        }
        return true;
    }

    /** One directory per run directory, so that two checkouts never share an Elasticsearch. */
    private static Path fallbackHome(Path runDir) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(runDir.toString().getBytes(StandardCharsets.UTF_8));
            return Path.of("/var/tmp", "radiostream-stack-" + HexFormat.of().formatHex(digest, 0, 6), "elasticsearch");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * mkdir -p that leaves each directory it creates at 0755, whatever the umask: the unprivileged account must
     * pass through them. Refuses a symbolic link or a foreign owner at the top of a /var/tmp fallback.
     */
    private void createTraversableDirectories(Path target) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path current = target; current != null && !Files.exists(current, LinkOption.NOFOLLOW_LINKS); current = current.getParent()) {
            missing.add(0, current);
        }
        for (Path directory : missing) {
            Files.createDirectory(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        if (!home.equals(dir)) {
            Path top = home.getParent();
            if (Files.isSymbolicLink(top) || ((Number) Files.getAttribute(top, "unix:uid", LinkOption.NOFOLLOW_LINKS)).intValue() != 0) {
                throw new StackException("elasticsearch: " + top + " is a symbolic link or not owned by root: remove it");
            }
        }
    }
}
