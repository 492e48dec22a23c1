package dev.radiostream.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The master of the Spark standalone cluster. It keeps its state (applications, workers) in a recovery directory
 * (Spark's FILESYSTEM recovery mode): a restarted master takes back the running applications and their executors
 * instead of orphaning them.
 */
final class SparkMasterServer extends SparkDaemon {

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

    SparkMasterServer(StackConfig config, SparkHome sparkHome) {
        super(config, sparkHome, sparkHome.clusterDir().resolve("master"), "master");
    }

    @Override
    public String name() {
        return "spark-master";
    }

    @Override
    public int clientPort() {
        return config.sparkCluster().masterPort();
    }

    @Override
    public List<Integer> ports() {
        return List.of(config.sparkCluster().masterPort(), config.sparkCluster().masterUiPort());
    }

    @Override
    public void prepare(ArtifactResolver resolver) throws IOException {
        sparkHome.prepare(resolver);
        Path recovery = dir.resolve("recovery");
        if (!anyWorkerAlive()) {
            // The state of a cluster that is gone: recovering it means waiting about a minute (spark.worker.timeout)
            // for its workers before the master accepts anyone.
            ArtifactResolver.deleteRecursively(recovery);
        }
        Files.createDirectories(recovery);
        Files.writeString(propertiesFile, String.join("\n",
                "# Written by local-stack at each start: edit SparkMasterServer.java, not this file.",
                "spark.deploy.recoveryMode=FILESYSTEM",
                "spark.deploy.recoveryDirectory=" + dir.resolve("recovery"),
                "spark.master.rest.enabled=false",
                // Finished applications stay listed in the UI; a few are enough.
                "spark.deploy.retainedApplications=50",
                ""));
    }

    /** Whether a worker of this cluster still runs (its pid file names a live process). */
    private boolean anyWorkerAlive() throws IOException {
        try (java.util.stream.Stream<Path> dirs = Files.list(sparkHome.clusterDir())) {
            for (Path worker : dirs.filter(d -> d.getFileName().toString().startsWith(SparkWorkerServer.DIR_PREFIX)).toList()) {
                if (ProcessLauncher.readPidFile(pidFile(worker, SparkWorkerServer.ROLE)).filter(RunningProcess::isAlive).isPresent()) {
                    return true;
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
        return false;
    }

    @Override
    public ProcessLauncher.LaunchSpec launchSpec() {
        List<String> command = new java.util.ArrayList<>(sparkHome.javaCommand("256m", "org.apache.spark.deploy.master.Master"));
        command.addAll(List.of("--host", config.host(),
                "--port", Integer.toString(config.sparkCluster().masterPort()),
                "--webui-port", Integer.toString(config.sparkCluster().masterUiPort()),
                "--properties-file", propertiesFile.toString()));
        return new ProcessLauncher.LaunchSpec(command, sparkHome.environment(), dir, logFile());
    }

    /** The web UI answers and the master says it is ALIVE (not still RECOVERING its previous state). */
    @Override
    public void checkReady() throws Exception {
        if (!Ports.acceptsConnections(config.host(), config.sparkCluster().masterPort(), java.time.Duration.ofSeconds(1))) {
            throw new NotReadyException("port " + config.sparkCluster().masterPort() + " not open yet");
        }
        Matcher status = STATUS.matcher(sparkHome.masterJson());
        String state = status.find() ? status.group(1) : "unknown";
        if (!state.equals("ALIVE")) {
            throw new NotReadyException("the master is " + state);
        }
    }

    @Override
    public List<String> notes() {
        return List.of("master " + config.sparkCluster().masterUrl() + ", web UI " + config.sparkCluster().masterUiUrl());
    }
}
