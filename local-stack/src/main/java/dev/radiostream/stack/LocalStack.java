package dev.radiostream.stack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Real Kafka, Cassandra and Elasticsearch servers as local processes bound to 127.0.0.1.
 * <p>
 * Command line (through the {@code stack} script at the repository root):
 * {@code up [server...]}, {@code down [server...]}, {@code status}, {@code logs <server>}.
 * <p>
 * From tests: {@code LocalStack.shared().ensureUp()} (or {@link LocalStackExtension}) reuses servers that are
 * already up (from {@code ./stack up} or CI), otherwise starts them and stops those it started when the JVM exits.
 * With {@code -Dstack.mode=testcontainers} it starts containers instead.
 */
public final class LocalStack {

    private static LocalStack shared;
    private static LocalStack secured;

    private final StackConfig config;
    private StackEndpoints endpoints;
    private RuntimeException startFailure;

    private LocalStack(StackConfig config) {
        this.config = config;
    }

    /** The stack of this JVM, configured from its system properties and environment. */
    public static synchronized LocalStack shared() {
        if (shared == null) {
            shared = new LocalStack(StackConfig.load());
        }
        return shared;
    }

    /**
     * The secured stack of this JVM's tests: SASL_SSL Kafka, password + TLS Cassandra, Elasticsearch security + TLS,
     * in a run directory and on ports of its own ({@link StackConfig#securedSibling()}), so that it runs beside the
     * plain stack the other tests use. When the plain stack itself is secured (./stack up --secure), that one.
     */
    public static synchronized LocalStack secured() {
        if (secured == null) {
            StackConfig config = StackConfig.load();
            secured = config.secure() ? shared() : new LocalStack(config.securedSibling());
        }
        return secured;
    }

    /** Certificate, passwords and the services' settings of this stack (when it is secured). */
    public StackSecurity security() {
        return StackSecurity.of(config);
    }

    public boolean isSecure() {
        return config.secure();
    }

    /**
     * Makes all three servers run and answer, and says where they are. Cheap after the first call.
     *
     * @throws StackException if a server cannot be started (the message names it and quotes its log)
     */
    public synchronized StackEndpoints ensureUp() {
        if (startFailure != null) {
            // Every later test class fails at once with the original reason instead of waiting for timeouts again.
            throw startFailure;
        }
        if (endpoints == null) {
            try {
                endpoints = "testcontainers".equalsIgnoreCase(System.getProperty("stack.mode", "local")) && !config.secure()
                        ? TestcontainersStack.start()
                        : startLocalServers();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return endpoints;
    }

    /** Where the local servers listen, whether or not they run. */
    public StackEndpoints localEndpoints() {
        return config.endpoints();
    }

    /**
     * Servers from {@code ./stack up} or CI are reused and keep running. Servers started here are stopped at JVM
     * exit, by the last JVM using them if several test JVMs share them (see {@link TestLeases}).
     */
    private StackEndpoints startLocalServers() {
        PrintStream log = System.err;
        StackController controller = new StackController(config, line -> log.println("[local-stack] " + line));
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> controller.releaseTestLease(Duration.ofSeconds(20)), "local-stack-shutdown"));
        controller.upForTests(controller.select(List.of()));
        return config.endpoints();
    }

    public static void main(String[] args) {
        // The clients used for readiness checks log connection retries; the CLI reports on its own.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("stack.log.level", "off"));
        try {
            System.exit(run(Arrays.asList(args), System.out::println));
        } catch (StackException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    static int run(List<String> args, Consumer<String> out) {
        if (args.isEmpty()) {
            return usage(null);
        }
        List<String> names = new ArrayList<>(args.subList(1, args.size()));
        boolean secure = names.remove("--secure");
        StackConfig config = StackConfig.load();
        StackController controller = new StackController(secure ? config.withSecure(true) : config, out);
        switch (args.get(0)) {
            case "up" -> {
                long startedAt = System.nanoTime();
                List<StackServer> started = controller.up(controller.select(names));
                if (!started.isEmpty()) {
                    out.accept(String.format(java.util.Locale.ROOT, "stack ready in %.1f s", (System.nanoTime() - startedAt) / 1e9));
                }
                return 0;
            }
            case "down" -> {
                controller.down(controller.selectForStop(names));
                return 0;
            }
            case "status" -> {
                controller.status().forEach(out);
                return 0;
            }
            case "logs" -> {
                if (names.size() != 1) {
                    return usage("logs needs one server name");
                }
                controller.logs(controller.selectForStop(names).get(0), 40).forEach(out);
                return 0;
            }
            case "help", "-h", "--help" -> {
                usage(null);
                return 0;
            }
            default -> {
                return usage("unknown command '" + args.get(0) + "'");
            }
        }
    }

    private static int usage(String problem) {
        if (problem != null) {
            System.err.println(problem);
        }
        System.err.println("usage: stack up [--secure] [server...] | down [server...] | status | logs <server>");
        System.err.println("--secure: SASL_SSL Kafka, password + TLS Cassandra, Elasticsearch security + TLS; certificate,");
        System.err.println("          passwords and the services' settings (services.env) under <run dir>/security/");
        System.err.println("servers: kafka, cassandra, elasticsearch (all three when none is named),");
        System.err.println("         spark-cluster (a Spark master and STACK_SPARK_WORKERS workers; stopped by a plain down too),");
        System.err.println("         spark-master, spark-worker-N (one part of the cluster)");
        return 2;
    }
}
