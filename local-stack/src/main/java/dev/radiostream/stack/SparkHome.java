package dev.radiostream.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the master and the workers share: a Spark home under the run directory whose {@code jars/} links to the
 * jars Maven resolved (local-stack/servers/spark/pom.xml), and a log4j2 configuration in its {@code conf/}.
 * <p>
 * A worker starts each executor through Spark's launcher, which builds the classpath from
 * {@code $SPARK_HOME/conf:$SPARK_HOME/jars/*}: that is why a home is needed at all, and why executors log with the
 * same configuration.
 */
final class SparkHome {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final StackConfig config;
    private final Path clusterDir;
    private final Path home;
    private Path javaHome;

    SparkHome(StackConfig config) {
        this.config = config;
        this.clusterDir = config.runDir().resolve("spark-cluster");
        this.home = clusterDir.resolve("home");
    }

    /** The directory of the whole cluster: home/, master/, worker-N/. */
    Path clusterDir() {
        return clusterDir;
    }

    /** Resolves the jars once, links them into home/jars and writes the log configuration. Idempotent. */
    synchronized void prepare(ArtifactResolver resolver) throws IOException {
        String version = config.sparkCluster().version();
        List<Path> jars = resolver.classpath("spark", version, clusterDir.resolve("classpath-" + version + ".txt"));
        Path jarsDir = home.resolve("jars");
        ArtifactResolver.deleteRecursively(jarsDir);
        Files.createDirectories(jarsDir);
        for (Path jar : jars) {
            Path link = jarsDir.resolve(jar.getFileName());
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, jar);
            }
        }
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(log4jConfig(), LOG4J_CONFIG);
        javaHome = JavaRuntime.findJava17Home(System.getenv());
    }

    Path log4jConfig() {
        return home.resolve("conf").resolve("log4j2.properties");
    }

    /** {@code java <Spark's Java 17 options> -cp home/jars/* <mainClass>}: the start of a daemon's command. */
    List<String> javaCommand(String heap, String mainClass) {
        List<String> command = new ArrayList<>();
        command.add(JavaRuntime.javaExecutable(javaHome).toString());
        command.add("-Xmx" + heap);
        command.addAll(jvmOptions());
        command.add("-Dlog4j2.configurationFile=" + log4jConfig());
        command.add("-cp");
        command.add(home.resolve("conf") + java.io.File.pathSeparator + home.resolve("jars") + "/*");
        command.add(mainClass);
        return command;
    }

    /** What Spark's launcher needs to build executor commands (it reads SPARK_HOME, the Scala version, Java). */
    Map<String, String> environment() {
        return Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13", "JAVA_HOME", javaHome.toString(),
                // Keeps a SPARK_CONF_DIR or SPARK_LOCAL_IP of the calling shell from redirecting the cluster.
                "SPARK_CONF_DIR", home.resolve("conf").toString(), "SPARK_LOCAL_IP", config.host());
    }

    /** The repository's jvm.options: the --add-opens Spark needs on Java 17. */
    private List<String> jvmOptions() {
        Path file = config.repositoryRoot().resolve("jvm.options");
        try {
            return Files.readAllLines(file).stream().map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new StackException("spark-cluster: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The master's state as its web UI reports it ({@code GET /json/}). */
    String masterJson() throws IOException, InterruptedException {
        return get(config.sparkCluster().masterUiUrl() + "/json/");
    }

    /**
     * The body of a web UI page (master or worker); IOException for anything but 200. Ten seconds to answer: a
     * daemon sharing 2 cores with six drivers and their executors can take several.
     */
    String get(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** Spark's daemons are chatty at INFO: warnings, plus the lines that say who registered and who was lost. */
    private static final String LOG4J_CONFIG = String.join("\n",
            "# Written by local-stack at each start: edit SparkHome.java, not this file.",
            "rootLogger.level = warn",
            "rootLogger.appenderRef.stdout.ref = console",
            "appender.console.type = Console",
            "appender.console.name = console",
            "appender.console.target = SYSTEM_ERR",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n",
            "logger.master.name = org.apache.spark.deploy.master",
            "logger.master.level = info",
            "logger.worker.name = org.apache.spark.deploy.worker",
            "logger.worker.level = info",
            "logger.executor.name = org.apache.spark.executor.Executor",
            "logger.executor.level = info",
            "");
}
