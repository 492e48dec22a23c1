package dev.radiostream.bench;

import dev.radiostream.pipeline.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import dev.radiostream.pipeline.ServiceProcess;

/**
 * One started contender process (a packaged service through the pipeline's {@link ServiceProcess}, or a
 * baseline as a plain java process): its pid for /proc, its HTTP endpoints, its log, and how to stop it.
 */
final class RunningContender implements AutoCloseable {

    final String name;
    final String baseUrl;
    final Path log;
    /** System.nanoTime() just before the process was started. */
    final long startedNanos;
    private final ServiceProcess service;
    private final Process baseline;
    private final long pid;

    private RunningContender(String name, int port, Path log, long startedNanos, ServiceProcess service,
            Process baseline, long pid) {
        this.name = name;
        this.baseUrl = "http://127.0.0.1:" + port;
        this.log = log;
        this.startedNanos = startedNanos;
        this.service = service;
        this.baseline = baseline;
        this.pid = pid;
    }

    static RunningContender ofService(String name, int port, ServiceProcess service, long startedNanos) {
        ProcessHandle handle = service.handle()
                .orElseThrow(() -> new IllegalStateException(name + " exited at once; its log: " + service.logFile()));
        // ServiceProcess starts java through setsid, which execs java in place (same pid); if a setsid ever
        // forked instead, the java process is its child.
        if (handle.info().command().map(c -> c.endsWith("setsid")).orElse(false)) {
            handle = handle.children().findFirst().orElse(handle);
        }
        return new RunningContender(name, port, service.logFile(), startedNanos, service, null, handle.pid());
    }

    static RunningContender ofBaseline(String name, int port, Process process, Path log, long startedNanos) {
        return new RunningContender(name, port, log, startedNanos, null, process, process.pid());
    }

    long pid() {
        return pid;
    }

    boolean alive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    Optional<JsonNode> status() {
        return Http.get(baseUrl + "/status");
    }

    ProcStats stats() {
        return ProcStats.read(pid);
    }

    /** Waits until GET /q/health/ready answers UP; returns System.nanoTime() of that answer. */
    long awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            failIfDead();
            Optional<JsonNode> health = Http.get(baseUrl + "/q/health/ready");
            if (health.map(h -> "UP".equals(h.path("status").asText())).orElse(false)) {
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s; its log: " + log);
    }

    /** A GET /status answer and System.nanoTime() when it came. */
    record Answer(long nanos, JsonNode status) {
    }

    /**
     * Polls GET /status every 100 ms until an answer satisfies {@code done}; fails when the process exits or
     * after {@code timeout} ({@code what}: what it had not done then, for the message).
     */
    Answer awaitStatus(java.util.function.Predicate<JsonNode> done, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            failIfDead();
            JsonNode status = status().orElse(null);
            long now = System.nanoTime();
            if (status != null && done.test(status)) {
                return new Answer(now, status);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " had not " + what + " after " + timeout.toMinutes() + " min; its log: " + log);
    }

    void failIfDead() {
        if (!alive()) {
            throw new IllegalStateException(name + " exited unexpectedly; its log: " + log + "\n" + tail());
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** SIGTERM, SIGKILL after a grace period. */
    @Override
    public void close() {
        if (service != null) {
            service.stop(Duration.ofSeconds(30));
        } else if (baseline.isAlive()) {
            baseline.destroy();
            try {
                if (!baseline.waitFor(20, TimeUnit.SECONDS)) {
                    baseline.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                baseline.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
