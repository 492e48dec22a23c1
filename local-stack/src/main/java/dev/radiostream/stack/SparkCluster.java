package dev.radiostream.stack;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spark standalone cluster of the local stack (a master and {@code STACK_SPARK_WORKERS} workers) for tests
 * and tools: start it, break parts of it on purpose, read what the master reports.
 * <p>
 * Like the servers of {@link LocalStack}, a cluster already running (from {@code ./stack up spark-cluster}) is
 * reused and left running; one started here is stopped when the JVM exits.
 */
public final class SparkCluster {

    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern APP_NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]*)\"");
    private static boolean shutdownHookAdded;

    private final StackConfig config;
    private final StackController controller;
    private final SparkHome sparkHome;

    private SparkCluster(StackConfig config) {
        this.config = config;
        this.controller = new StackController(config, line -> System.err.println("[spark-cluster] " + line));
        this.sparkHome = new SparkHome(config);
    }

    /** The cluster configured by this JVM's system properties and environment (STACK_SPARK_*). */
    public static SparkCluster local() {
        return new SparkCluster(StackConfig.load());
    }

    public String masterUrl() {
        return config.sparkCluster().masterUrl();
    }

    public String masterUiUrl() {
        return config.sparkCluster().masterUiUrl();
    }

    public int workers() {
        return config.sparkCluster().workers();
    }

    /** Starts whatever part of the cluster is not running, and waits until every worker is registered. */
    public SparkCluster ensureUp() {
        synchronized (SparkCluster.class) {
            if (!shutdownHookAdded) {
                Runtime.getRuntime().addShutdownHook(new Thread(
                        () -> controller.releaseTestLease(Duration.ofSeconds(20)), "spark-cluster-shutdown"));
                shutdownHookAdded = true;
            }
        }
        controller.upForTests(controller.select(List.of(StackController.SPARK_CLUSTER)));
        return this;
    }

    /** SIGKILL to worker {@code index} (1-based): its executors lose their worker and exit too. */
    public void killWorker(int index) {
        StackServer worker = controller.select(List.of("spark-worker-" + index)).get(0);
        RunningProcess process = controller.locate(worker)
                .orElseThrow(() -> new StackException(worker.name() + " is not running"));
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            ProcessLauncher.sleep(Duration.ofMillis(100));
        }
    }

    /** Starts worker {@code index} again and waits until the master lists it as alive. */
    public void startWorker(int index) {
        controller.upForTests(controller.select(List.of("spark-worker-" + index)));
    }

    /** Stops the master (SIGTERM); workers and running executors stay and wait for it to come back. */
    public void stopMaster() {
        controller.down(controller.select(List.of("spark-master")));
    }

    /** Starts the master again: it recovers its applications and workers from its recovery directory. */
    public void startMaster() {
        controller.upForTests(controller.select(List.of("spark-master")));
    }

    /**
     * The worker (1-based) running an executor of the application named {@code appName}, if any: read from each
     * worker's {@code GET /json/}, whose "executors" list the running ones (with their application's name) before
     * "finishedexecutors".
     */
    public java.util.OptionalInt workerRunning(String appName) {
        for (int index = 1; index <= workers(); index++) {
            String json;
            try {
                json = sparkHome.get("http://" + config.host() + ":" + config.sparkCluster().workerUiPort(index) + "/json/");
            } catch (IOException e) {
                continue; // a worker that does not answer runs nothing we could use
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            int finished = json.indexOf("\"finishedexecutors\"");
            String running = finished < 0 ? json : json.substring(0, finished);
            if (Pattern.compile("\"name\"\\s*:\\s*\"" + Pattern.quote(appName) + "\"").matcher(running).find()) {
                return java.util.OptionalInt.of(index);
            }
        }
        return java.util.OptionalInt.empty();
    }

    /** Stops the master and every worker. */
    public void stop() {
        controller.down(controller.selectForStop(List.of(StackController.SPARK_CLUSTER)));
    }

    /**
     * What the master reports right now.
     *
     * @param status       ALIVE, RECOVERING, ...
     * @param aliveWorkers workers registered and alive
     * @param runningApps  names of the applications running on the cluster
     */
    public record MasterState(String status, int aliveWorkers, List<String> runningApps) {
    }

    /** @throws IOException if the master's web UI does not answer */
    public MasterState state() throws IOException {
        String json;
        try {
            json = sparkHome.masterJson();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return parseState(json);
    }

    /** Reads the master's {@code GET /json/}: running applications are listed under "activeapps". */
    static MasterState parseState(String json) {
        Matcher status = STATUS.matcher(json);
        Matcher alive = ALIVE_WORKERS.matcher(json);
        List<String> apps = new ArrayList<>();
        int active = json.indexOf("\"activeapps\"");
        if (active >= 0) {
            int completed = json.indexOf("\"completedapps\"", active);
            Matcher name = APP_NAME.matcher(json.substring(active, completed < 0 ? json.length() : completed));
            while (name.find()) {
                apps.add(name.group(1));
            }
        }
        return new MasterState(status.find() ? status.group(1) : "unknown", alive.find() ? Integer.parseInt(alive.group(1)) : 0,
                apps);
    }
}
