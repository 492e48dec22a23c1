package dev.radiostream.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Worker {@code index} (1-based) of the Spark standalone cluster. It starts the executors the master assigns to
 * it as child processes; their logs land in its work directory (work/&lt;app&gt;/&lt;executor&gt;/stderr).
 */
final class SparkWorkerServer extends SparkDaemon {

    static final String ROLE = "worker";
    /** Worker N lives in the cluster directory's worker-N. */
    static final String DIR_PREFIX = ROLE + "-";

    private static final Pattern WORKER_STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"");

    private final int index;

    SparkWorkerServer(StackConfig config, SparkHome sparkHome, int index) {
        super(config, sparkHome, sparkHome.clusterDir().resolve(DIR_PREFIX + index), ROLE);
        this.index = index;
    }

    @Override
    public String name() {
        return "spark-worker-" + index;
    }

    /** Its web UI port: the RPC port is left to the system, the master tells executors where the worker is. */
    @Override
    public int clientPort() {
        return config.sparkCluster().workerUiPort(index);
    }

    @Override
    public List<Integer> ports() {
        return List.of(clientPort());
    }

    @Override
    public void prepare(ArtifactResolver resolver) throws IOException {
        sparkHome.prepare(resolver);
        Files.createDirectories(dir.resolve("work"));
        Files.createDirectories(dir.resolve("local"));
        Files.writeString(propertiesFile, String.join("\n",
                "# Written by local-stack at each start: edit SparkWorkerServer.java, not this file.",
                // Directories of finished applications (shipped jars, executor logs) are removed after a day.
                "spark.worker.cleanup.enabled=true",
                "spark.worker.cleanup.appDataTtl=86400",
                ""));
    }

    @Override
    public ProcessLauncher.LaunchSpec launchSpec() {
        StackConfig.SparkClusterConfig cluster = config.sparkCluster();
        List<String> command = new ArrayList<>(sparkHome.javaCommand("256m", "org.apache.spark.deploy.worker.Worker"));
        command.addAll(List.of(cluster.masterUrl(),
                "--host", config.host(),
                "--cores", Integer.toString(cluster.workerCores()),
                "--memory", cluster.workerMemory(),
                "--work-dir", dir.resolve("work").toString(),
                "--webui-port", Integer.toString(clientPort()),
                "--properties-file", propertiesFile.toString()));
        Map<String, String> environment = new HashMap<>(sparkHome.environment());
        // Shuffle and spill files of its executors stay under the run directory, not /tmp.
        environment.put("SPARK_LOCAL_DIRS", dir.resolve("local").toString());
        return new ProcessLauncher.LaunchSpec(command, environment, dir, logFile());
    }

    /** Ready = the master lists this worker (by its web UI address) as ALIVE. */
    @Override
    public void checkReady() throws Exception {
        if (!Ports.acceptsConnections(config.host(), clientPort(), java.time.Duration.ofSeconds(1))) {
            throw new NotReadyException("web UI port " + clientPort() + " not open yet");
        }
        String json;
        try {
            json = sparkHome.masterJson();
        } catch (IOException e) {
            throw new NotReadyException("the master (" + config.sparkCluster().masterUiUrl() + ") does not answer: "
                    + StackController.describe(e));
        }
        if (!isAliveIn(json, "http://" + config.host() + ":" + clientPort())) {
            throw new NotReadyException("not registered with the master " + config.sparkCluster().masterUrl() + " yet");
        }
    }

    /**
     * Whether the master's JSON lists an ALIVE worker with this web UI address. A restarted worker keeps its
     * address, so earlier DEAD entries of it may be listed too. In each worker object "state" follows
     * "webuiaddress" (Spark's JsonProtocol.writeWorkerInfo).
     */
    static boolean isAliveIn(String masterJson, String webUiAddress) {
        String[] workers = masterJson.split("\"webuiaddress\"");
        for (int i = 1; i < workers.length; i++) {
            if (workers[i].matches("(?s)\\s*:\\s*\"" + Pattern.quote(webUiAddress) + "\".*")) {
                Matcher state = WORKER_STATE.matcher(workers[i]);
                if (state.find() && state.group(1).equals("ALIVE")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public List<String> notes() {
        return List.of("web UI http://" + config.host() + ":" + clientPort() + ", work dir " + dir.resolve("work"));
    }
}
