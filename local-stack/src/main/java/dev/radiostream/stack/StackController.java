package dev.radiostream.stack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Starts, stops and reports on the servers of one run directory. Every operation holds a file lock on the run
 * directory, so that two {@code ./stack} commands or test JVMs never start the same server twice, and the
 * {@link TestLeases} book-keeping stays consistent.
 */
final class StackController {

    private static final int LOG_LINES_ON_FAILURE = 25;
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(500);

    /** Names the Spark master and its workers together on the command line. */
    static final String SPARK_CLUSTER = "spark-cluster";

    private final StackConfig config;
    private final Map<String, StackServer> servers = new LinkedHashMap<>();
    /** The master and the configured workers: what {@code up spark-cluster} starts. */
    private final List<StackServer> sparkCluster = new ArrayList<>();
    /** Those, plus workers of an earlier, larger cluster still on disk: what {@code down} looks for. */
    private final List<StackServer> sparkClusterAll = new ArrayList<>();
    private final Consumer<String> out;

    StackController(StackConfig config, Consumer<String> out) {
        this.config = config;
        this.out = out;
        for (StackServer server : List.of(new KafkaServer(config), new CassandraServer(config), new ElasticsearchServer(config))) {
            servers.put(server.name(), server);
        }
        SparkHome sparkHome = new SparkHome(config);
        sparkCluster.add(new SparkMasterServer(config, sparkHome));
        for (int worker = 1; worker <= config.sparkCluster().workers(); worker++) {
            sparkCluster.add(new SparkWorkerServer(config, sparkHome, worker));
        }
        sparkClusterAll.addAll(sparkCluster);
        for (int worker = config.sparkCluster().workers() + 1; Files.isDirectory(
                sparkHome.clusterDir().resolve("worker-" + worker)); worker++) {
            sparkClusterAll.add(new SparkWorkerServer(config, sparkHome, worker));
        }
        sparkClusterAll.forEach(server -> servers.put(server.name(), server));
    }

    /**
     * The servers named, for starting: Kafka, Cassandra and Elasticsearch for an empty list (the Spark cluster
     * only on request); {@code spark-cluster} means the master and the configured workers. Unknown names fail
     * with the list of valid ones.
     */
    List<StackServer> select(List<String> names) {
        if (names.isEmpty()) {
            return servers.values().stream().filter(server -> !sparkClusterAll.contains(server)).collect(Collectors.toList());
        }
        return byName(names, sparkCluster);
    }

    /** The servers named, for stopping: every server for an empty list, any worker left on disk included. */
    List<StackServer> selectForStop(List<String> names) {
        return names.isEmpty() ? new ArrayList<>(servers.values()) : byName(names, sparkClusterAll);
    }

    private List<StackServer> byName(List<String> names, List<StackServer> clusterMeans) {
        List<StackServer> selected = new ArrayList<>();
        for (String name : names) {
            String key = name.toLowerCase(Locale.ROOT);
            List<StackServer> matching = key.equals(SPARK_CLUSTER) ? clusterMeans
                    : servers.containsKey(key) ? List.of(servers.get(key)) : List.of();
            if (matching.isEmpty()) {
                throw new StackException("unknown server '" + name + "' (one of: " + String.join(", ", servers.keySet())
                        + ", " + SPARK_CLUSTER + ")");
            }
            matching.stream().filter(server -> !selected.contains(server)).forEach(selected::add);
        }
        return selected;
    }

    /**
     * Makes the selected servers run and answer. Servers already ready are left alone; the others are started
     * all at once and awaited in parallel. If one fails, every server started by this call is stopped again.
     *
     * @return the servers this call started
     */
    List<StackServer> up(List<StackServer> selected) {
        return withLock(() -> {
            List<StackServer> started = upLocked(selected);
            // Started or found running, they now belong to the command line: tests will not stop them.
            new TestLeases(config.runDir()).forget(names(selected));
            return started;
        });
    }

    /**
     * {@link #up} for a test JVM: it also takes a lease on the stack, and what it starts is recorded as started
     * for tests, to be stopped by {@link #releaseTestLease} in the last test JVM using the stack.
     */
    List<StackServer> upForTests(List<StackServer> selected) {
        return withLock(() -> {
            TestLeases leases = new TestLeases(config.runDir());
            leases.acquire();
            List<StackServer> started = upLocked(selected);
            leases.addStartedForTests(names(started));
            return started;
        });
    }

    /**
     * For a test JVM's shutdown hook: drops its lease and, if no other live JVM holds one, stops the servers that
     * tests started. Never waits long for the lock: another JVM holding it is about to use the servers anyway.
     */
    void releaseTestLease(Duration grace) {
        withLock(Duration.ofSeconds(15), () -> {
            List<String> toStop = new TestLeases(config.runDir()).release();
            stopInParallel(servers.values().stream().filter(server -> toStop.contains(server.name())).toList(), grace);
            return null;
        });
    }

    private List<StackServer> upLocked(List<StackServer> selected) throws IOException {
        List<StackServer> toStart = new ArrayList<>();
        List<StackServer> toAwait = new ArrayList<>();
        for (StackServer server : selected) {
            Optional<RunningProcess> running = locate(server);
            if (running.isPresent()) {
                if (probe(server).isEmpty()) {
                    out.accept(server.name() + ": already running (pid " + running.get().pid() + ") and ready on "
                            + config.host() + ":" + server.clientPort());
                } else {
                    out.accept(server.name() + ": already running (pid " + running.get().pid() + "), waiting until it answers");
                    toAwait.add(server);
                }
            } else {
                toStart.add(server);
            }
        }
        rejectBusyPorts(toStart);

        recordSecurityMode();
        ArtifactResolver resolver = new ArtifactResolver(config, out);
        // One after the other: concurrent Maven runs may corrupt each other's downloads in ~/.m2.
        for (StackServer server : toStart) {
            server.prepare(resolver);
        }
        Map<StackServer, ProcessLauncher.Launched> launched = new LinkedHashMap<>();
        try {
            for (StackServer server : toStart) {
                ProcessLauncher.Launched process = ProcessLauncher.launchDetached(server.launchSpec());
                ProcessLauncher.writePidFile(server.pidFile(), process.process());
                launched.put(server, process);
                out.accept(server.name() + ": starting (pid " + process.process().pid() + "), log " + server.logFile());
            }
            awaitReady(toAwait, launched);
        } catch (RuntimeException | IOException e) {
            stopAfterFailedStart(launched);
            throw e;
        }
        return new ArrayList<>(launched.keySet());
    }

    /**
     * A secured start makes the certificate and passwords (once) and marks the run directory as secured, so that
     * later commands and tests without --secure talk to the servers as they run; a start with STACK_SECURE=false
     * removes the mark.
     */
    private void recordSecurityMode() throws IOException {
        StackSecurity security = StackSecurity.of(config);
        Path mark = StackConfig.securedMark(config.runDir());
        if (config.secure()) {
            security.ensureCreated(JavaRuntime.findJava17Home(System.getenv()));
            security.writeServiceEnvironment(config.endpoints());
            Files.writeString(mark, "");
            out.accept("secured stack: certificate, passwords and the services' settings in " + security.dir()
                    + " (services.env)");
        } else {
            Files.deleteIfExists(mark);
        }
    }

    /** Stops the selected servers in parallel: SIGTERM, then SIGKILL after the stop timeout. */
    void down(List<StackServer> selected) {
        withLock(() -> {
            stopInParallel(selected, config.stopTimeout());
            new TestLeases(config.runDir()).forget(names(selected));
            return null;
        });
    }

    /** One line per server: state, pid, port, resident memory. */
    List<String> status() {
        List<String> lines = new ArrayList<>();
        for (StackServer server : servers.values()) {
            Optional<RunningProcess> running = locate(server);
            if (running.isEmpty() && sparkClusterAll.contains(server)) {
                continue; // optional: listed only while it runs
            }
            String address = config.host() + ":" + server.clientPort();
            if (running.isEmpty()) {
                lines.add(String.format("%-14s %-8s %-11s %-16s", server.name(), "stopped", "-", address));
                continue;
            }
            Optional<String> notReady = probe(server);
            OptionalLong rss = running.get().rssKiB();
            String line = String.format("%-14s %-8s %-11s %-16s RSS %s", server.name(),
                    notReady.isEmpty() ? "ready" : "running", "pid " + running.get().pid(), address,
                    rss.isPresent() ? (rss.getAsLong() / 1024) + " MB" : "?");
            lines.add(notReady.map(reason -> line + "  (not answering: " + reason + ")").orElse(line));
            server.notes().forEach(note -> lines.add("               " + note));
        }
        return lines;
    }

    /** The log of one server: its path, then its last lines. */
    List<String> logs(StackServer server, int lastLines) {
        List<String> lines = new ArrayList<>();
        lines.add("==> " + server.logFile() + " <==");
        if (!Files.exists(server.logFile())) {
            lines.add("(no log yet: " + server.name() + " was never started from this run directory)");
        } else {
            lines.addAll(ProcessLauncher.tail(server.logFile(), lastLines));
        }
        return lines;
    }

    /**
     * Our process for this server: the one in its pid file if that is still the same process, else one found by
     * its command line (a lost pid file, an orphan). A stale pid file is removed.
     */
    Optional<RunningProcess> locate(StackServer server) {
        Optional<RunningProcess> fromPidFile = ProcessLauncher.readPidFile(server.pidFile()).filter(RunningProcess::isAlive);
        if (fromPidFile.isPresent()) {
            return fromPidFile;
        }
        deleteQuietly(server.pidFile());
        return ProcessLauncher.findByMarker(server.processMarker()).stream().findFirst();
    }

    /** Empty when ready, else why not. */
    private Optional<String> probe(StackServer server) {
        try {
            server.checkReady();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (Exception e) {
            return Optional.of(describe(e));
        }
    }

    /** Refuses to start anything when a port of a server to start is taken by a process that is not ours. */
    private void rejectBusyPorts(List<StackServer> toStart) {
        List<String> problems = new ArrayList<>();
        for (StackServer server : toStart) {
            for (int port : server.ports()) {
                if (Ports.isInUse(config.host(), port)) {
                    problems.add(server.name() + ": port " + port + " on " + config.host()
                            + " is already in use by another process");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new StackException(String.join("\n", problems));
        }
    }

    private void awaitReady(List<StackServer> alreadyRunning, Map<StackServer, ProcessLauncher.Launched> launched) {
        List<StackServer> all = new ArrayList<>(alreadyRunning);
        all.addAll(launched.keySet());
        if (all.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(all.size(), runnable -> {
            Thread thread = new Thread(runnable, "local-stack-readiness");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletionService<Void> completion = new ExecutorCompletionService<>(pool);
            List<Future<Void>> futures = new ArrayList<>();
            for (StackServer server : all) {
                Optional<ProcessLauncher.Launched> process = Optional.ofNullable(launched.get(server));
                futures.add(completion.submit(awaitOne(server, process)));
            }
            for (int i = 0; i < all.size(); i++) {
                try {
                    completion.take().get();
                } catch (ExecutionException e) {
                    futures.forEach(future -> future.cancel(true));
                    Throwable cause = e.getCause();
                    throw cause instanceof StackException stackException ? stackException
                            : new StackException("readiness check failed: " + describe(cause), cause);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for the servers", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls one server until it answers, its process dies, or the start timeout passes. */
    private Callable<Void> awaitOne(StackServer server, Optional<ProcessLauncher.Launched> launched) {
        return () -> {
            long startedAt = System.nanoTime();
            long deadline = startedAt + config.startTimeout().toNanos();
            String lastReason = "no answer yet";
            while (System.nanoTime() < deadline) {
                if (Thread.currentThread().isInterrupted()) {
                    return null;
                }
                Optional<RunningProcess> process = launched.map(ProcessLauncher.Launched::process).or(() -> locate(server));
                if (process.isEmpty() || !process.get().isAlive()) {
                    String exit = launched.map(l -> waitForExitCode(l.handle())).orElse("");
                    throw failure(server, "its process exited" + exit + " before answering");
                }
                Optional<String> notReady = probe(server);
                if (notReady.isEmpty()) {
                    out.accept(String.format(Locale.ROOT, "%s: ready on %s:%d after %.1f s", server.name(), config.host(),
                            server.clientPort(), (System.nanoTime() - startedAt) / 1e9));
                    return null;
                }
                lastReason = notReady.get();
                ProcessLauncher.sleep(PROBE_INTERVAL);
            }
            throw failure(server, "not ready after " + config.startTimeout().toSeconds() + " s (last check: " + lastReason + ")");
        };
    }

    private StackException failure(StackServer server, String reason) {
        StringBuilder message = new StringBuilder(server.name()).append(": failed to start: ").append(reason);
        message.append("\n").append(server.name()).append(": last lines of ").append(server.logFile()).append(":");
        ProcessLauncher.tail(server.logFile(), LOG_LINES_ON_FAILURE).forEach(line -> message.append("\n  ").append(line));
        return new StackException(message.toString());
    }

    private void stopAfterFailedStart(Map<StackServer, ProcessLauncher.Launched> launched) {
        if (!launched.isEmpty()) {
            out.accept("stopping what this command started: "
                    + launched.keySet().stream().map(StackServer::name).collect(Collectors.joining(", ")));
            stopInParallel(new ArrayList<>(launched.keySet()), config.stopTimeout());
        }
    }

    private void stopInParallel(List<StackServer> selected, Duration grace) {
        List<Thread> stoppers = new ArrayList<>();
        for (StackServer server : selected) {
            Thread stopper = new Thread(() -> stopOne(server, grace), "local-stack-stop-" + server.name());
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void stopOne(StackServer server, Duration grace) {
        Optional<RunningProcess> running = locate(server);
        if (running.isEmpty()) {
            out.accept(server.name() + ": not running");
        }
        // The pid file's process, then any orphan still carrying our marker (e.g. a server JVM whose parent died).
        while (running.isPresent()) {
            RunningProcess process = running.get();
            long startedStopping = System.nanoTime();
            boolean killed = ProcessLauncher.stop(process, grace);
            if (process.isAlive()) {
                out.accept(server.name() + ": could not stop pid " + process.pid()
                        + " (started by another user? try again as that user or root)");
                return;
            }
            out.accept(String.format(Locale.ROOT, "%s: stopped (pid %d) in %.1f s%s", server.name(), process.pid(),
                    (System.nanoTime() - startedStopping) / 1e9, killed ? ", killed after " + grace.toSeconds() + " s" : ""));
            deleteQuietly(server.pidFile());
            running = ProcessLauncher.findByMarker(server.processMarker()).stream().findFirst();
        }
        deleteQuietly(server.pidFile());
    }

    private static String waitForExitCode(Process handle) {
        try {
            return handle.waitFor(2, java.util.concurrent.TimeUnit.SECONDS) ? " with code " + handle.exitValue() : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof ExecutionException || cause.getMessage() == null) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof StackServer.NotReadyException) {
            return cause.getMessage();
        }
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage().lines().findFirst().orElse("");
        return cause.getClass().getSimpleName() + message;
    }

    private interface LockedAction<T> {
        T run() throws IOException;
    }

    /** Serializes stack operations across processes (file lock) and threads of this JVM (synchronized). */
    private <T> T withLock(LockedAction<T> action) {
        return withLock(null, action);
    }

    /** With a {@code maxWait}, gives up (returns null, does nothing) when the lock stays taken that long. */
    private <T> T withLock(Duration maxWait, LockedAction<T> action) {
        synchronized (StackController.class) {
            try {
                Files.createDirectories(config.runDir());
                try (FileChannel channel = FileChannel.open(config.runDir().resolve("stack.lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock lock = maxWait == null ? channel.lock() : tryLock(channel, maxWait)) {
                    if (lock == null) {
                        out.accept("another process holds " + config.runDir().resolve("stack.lock") + ": skipped");
                        return null;
                    }
                    return action.run();
                }
            } catch (IOException e) {
                throw new StackException("I/O error under " + config.runDir() + ": " + describe(e), e);
            }
        }
    }

    private static FileLock tryLock(FileChannel channel, Duration maxWait) throws IOException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        FileLock lock = channel.tryLock();
        while (lock == null && System.nanoTime() < deadline) {
            ProcessLauncher.sleep(Duration.ofMillis(200));
            lock = channel.tryLock();
        }
        return lock;
    }

    private static List<String> names(List<StackServer> servers) {
        return servers.stream().map(StackServer::name).collect(Collectors.toList());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover pid file is harmless: it is checked against the process start time.
        }
    }
}
