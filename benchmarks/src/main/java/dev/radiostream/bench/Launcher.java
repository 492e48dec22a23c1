package dev.radiostream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.radiostream.pipeline.Endpoints;
import dev.radiostream.pipeline.ServiceProcess;
import dev.radiostream.pipeline.ServiceSpec;

/**
 * Starts contenders as processes of their own, so that each one's memory and CPU can be read from /proc:
 * services through the pipeline's {@link ServiceProcess} (jvm.options, -Xmx, their own log and pid file),
 * baselines as {@code java -cp <this module's class path> MainClass}. Both get the same heap limit, the same
 * extra JVM flags and the same JVM tuning (the garbage collector and JIT thresholds of jvm.options: see
 * {@link #sharedTuning}).
 * Service configuration (tuning) is passed as system properties in JDK_JAVA_OPTIONS: every configuration key can
 * be set that way, including spark.* and es.* keys that application.properties lacks.
 */
final class Launcher {

    private final Path repositoryRoot;
    /** Where the services are started from: a private copy of their packaged apps (see {@link AppSnapshot}). */
    private final Path servicesRoot;
    private final Path runDir;
    private final Endpoints endpoints;
    private final String heap;
    private final List<String> jvmFlags;
    private final List<String> sharedTuning;
    private final int portBase;
    private int nextPort;
    private final java.util.Set<RunningContender> started = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Launcher(Path repositoryRoot, Path servicesRoot, Path runDir, Endpoints endpoints, String heap, List<String> jvmFlags,
            int portBase) {
        this.repositoryRoot = repositoryRoot;
        this.servicesRoot = servicesRoot;
        this.runDir = runDir;
        this.endpoints = endpoints;
        this.heap = heap;
        this.jvmFlags = jvmFlags;
        this.sharedTuning = sharedTuning(servicesRoot.resolve("jvm.options"));
        this.portBase = portBase;
        this.nextPort = portBase;
    }

    RunningContender service(String name, String module, List<String> args, Map<String, String> settings) {
        return service(name, module, args, settings, List.of());
    }

    RunningContender service(String name, String module, List<String> args, Map<String, String> settings,
            List<String> extraJvmFlags) {
        int port = freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", endpoints.kafka());
        env.put("CASSANDRA_CONTACT_POINTS", endpoints.cassandra());
        env.put("ELASTICSEARCH_URL", endpoints.elasticsearch());
        List<String> javaOptions = new ArrayList<>(jvmFlags);
        javaOptions.addAll(extraJvmFlags);
        settings.forEach((key, value) -> javaOptions.add("-D" + key + "=" + value));
        if (!javaOptions.isEmpty()) {
            env.put("JDK_JAVA_OPTIONS", String.join(" ", javaOptions));
        }
        ServiceProcess process = new ServiceProcess(new ServiceSpec(name, module, port, args, env), runDir);
        long started = System.nanoTime();
        process.start(servicesRoot, heap);
        return track(RunningContender.ofService(name, port, process, started));
    }

    RunningContender baseline(String name, Class<?> mainClass, List<String> args) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(sharedTuning);
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        command.add("--port");
        command.add(Integer.toString(port));
        Path log = runDir.resolve("logs").resolve(name + ".log");
        try {
            Files.createDirectories(log.getParent());
            long started = System.nanoTime();
            Process process = new ProcessBuilder(command).directory(repositoryRoot.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            return track(RunningContender.ofBaseline(name, port, process, log, started));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /**
     * The JVM tuning of a jvm.options file that the baselines get too (one option per line): the garbage collector
     * ({@code -XX:+Use<collector>GC}) and the JIT's compile thresholds ({@code -XX:CompileThresholdScaling}); empty
     * when it sets neither. Both cut the services' CPU per record by several per cent (BENCHMARKS.md), and a ratio
     * should measure what Spark costs, not a flag only one side has. To compare other values, change jvm.options:
     * a second collector in a variant's flags would make the services' JVMs refuse to start, and a variant's
     * CompileThresholdScaling is silently overridden (a variant's flags come first, in JDK_JAVA_OPTIONS).
     */
    static List<String> sharedTuning(Path jvmOptions) {
        try {
            return Files.readAllLines(jvmOptions).stream().map(String::trim)
                    .filter(line -> line.matches(
                            "-XX:\\+Use(Serial|Parallel|G1|Z|Shenandoah)GC|-XX:CompileThresholdScaling=[0-9.]+"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jvmOptions, e);
        }
    }

    /** The JVM tuning every contender runs with (see {@link #sharedTuning}). */
    List<String> sharedTuning() {
        return sharedTuning;
    }

    private RunningContender track(RunningContender contender) {
        started.add(contender);
        return contender;
    }

    /** Stops whatever is still running (the harness was interrupted). */
    void stopAll() {
        for (RunningContender contender : started) {
            if (contender.alive()) {
                contender.close();
            }
        }
    }

    /** The next port of the harness's range that nobody listens on (other engineers' services may be running). */
    private int freePort() {
        for (int i = 0; i < 100; i++) {
            int port = nextPort;
            nextPort = nextPort + 1 >= portBase + 100 ? portBase : nextPort + 1;
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException e) {
                // taken: try the next one
            }
        }
        throw new IllegalStateException("no free port in " + portBase + ".." + (portBase + 99));
    }
}
