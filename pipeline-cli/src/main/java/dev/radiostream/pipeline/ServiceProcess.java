package dev.radiostream.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A packaged service running as its own process: started with the JVM options Spark needs (jvm.options),
 * its output in its own log file, its pid in a pid file so that another command (./pipeline stop) finds it.
 */
public final class ServiceProcess {

    private final ServiceSpec spec;
    private final Path logFile;
    private final Path pidFile;

    public ServiceProcess(ServiceSpec spec, Path runDir) {
        this.spec = spec;
        this.logFile = runDir.resolve("logs").resolve(spec.name() + ".log");
        this.pidFile = runDir.resolve("pids").resolve(spec.name() + ".pid");
    }

    public ServiceSpec spec() {
        return spec;
    }

    public Path logFile() {
        return logFile;
    }

    /** Starts the service detached from this JVM (it keeps running when the command that started it exits). */
    public void start(Path repositoryRoot, String heap) {
        if (handle().isPresent()) {
            throw new IllegalStateException(spec.name() + " is already running (pid " + handle().get().pid() + ")");
        }
        Path jar = repositoryRoot.resolve(spec.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(spec.module() + " is not built: " + jar + " is missing");
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid"); // own session: Ctrl-C in the terminal does not reach it
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmOptions.read(repositoryRoot));
        command.add("-Xmx" + heap);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(spec.args());
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(pidFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(repositoryRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(spec.port()));
            builder.environment().putAll(spec.env());
            Process process = builder.start();
            Files.writeString(pidFile, process.pid() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + spec.name(), e);
        }
    }

    /** The running process, if its pid file names a live java process. */
    public Optional<ProcessHandle> handle() {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.endsWith("java") || c.endsWith("setsid")).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean isRunning() {
        return handle().isPresent();
    }

    /** SIGTERM: the service stops its query and Spark cleanly; SIGKILL if it has not exited in time. */
    public void stop(Duration grace) {
        handle().ifPresent(process -> {
            process.destroy();
            awaitExit(process, grace);
            if (process.isAlive()) {
                process.destroyForcibly();
                awaitExit(process, Duration.ofSeconds(10));
            }
        });
        deletePidFile();
    }

    /** SIGKILL, as a crash would: nothing is flushed, no shutdown hook runs. */
    public void kill() {
        handle().ifPresent(process -> {
            process.destroyForcibly();
            awaitExit(process, Duration.ofSeconds(10));
        });
        deletePidFile();
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitExit(ProcessHandle process, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
