package dev.radiostream.stack;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Starts, finds and stops server processes. Linux only (setsid, /proc), like the whole stack. */
final class ProcessLauncher {

    /** Variables a parent shell or test JVM may export that would silently change the servers' JVMs. */
    private static final List<String> JVM_ENVIRONMENT_OVERRIDES =
            List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "CLASSPATH");

    private ProcessLauncher() {
    }

    /**
     * What to run.
     *
     * @param environment extra variables; a {@code null} value removes the variable
     */
    record LaunchSpec(List<String> command, Map<String, String> environment, Path workingDir, Path logFile) {
    }

    /** A freshly started server: its identity, and the {@link Process} handle that can tell its exit code. */
    record Launched(RunningProcess process, Process handle) {
    }

    /**
     * Starts a server that outlives the caller: {@code setsid} puts it in a session of its own (no SIGHUP or
     * Ctrl-C from the caller's terminal), stdin is /dev/null and stdout+stderr go to its log file, so nothing ties
     * it to the launching JVM. setsid execs in place (a spawned child is never a process group leader), so the
     * pid we get is the server's.
     */
    static Launched launchDetached(LaunchSpec spec) throws IOException {
        Files.createDirectories(spec.logFile().getParent());
        keepPreviousLog(spec.logFile());
        List<String> command = new ArrayList<>();
        command.add("setsid");
        command.addAll(spec.command());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(spec.workingDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
        applyEnvironment(builder.environment(), spec.environment());
        Process process = builder.start();
        RunningProcess running = RunningProcess.of(process.pid())
                .orElseThrow(() -> new IOException("process " + process.pid() + " exited immediately; see "
                        + spec.logFile()));
        return new Launched(running, process);
    }

    /** Output and exit code of a short command run to completion (Maven, Kafka's storage tool). */
    record Completed(int exitCode, String output) {
    }

    static Completed run(List<String> command, Path workingDir, Map<String, String> environment, Duration timeout)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true);
        applyEnvironment(builder.environment(), environment);
        Process process = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(process.getInputStream(), output), "output-of-" + command.get(0));
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command.subList(0, Math.min(3, command.size())))
                        + " did not finish within " + timeout.toSeconds() + " s");
            }
            reader.join(5_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
        return new Completed(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }

    /**
     * SIGTERM to the process; after half of {@code grace}, SIGTERM to whatever of its tree is left; after
     * {@code grace}, SIGKILL. The root goes first because a supervising process (Elasticsearch's CLI) stops its
     * child in order and reports a child that died under it as a crash.
     *
     * @return true if something had to be killed
     */
    static boolean stop(RunningProcess process, Duration grace) {
        List<ProcessHandle> tree = process.tree();
        if (!process.isAlive()) {
            return false;
        }
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        if (awaitExit(process, tree, grace.dividedBy(2))) {
            return false;
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
        if (awaitExit(process, tree, grace.dividedBy(2))) {
            return false;
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitExit(process, tree, Duration.ofSeconds(10));
        return true;
    }

    private static boolean awaitExit(RunningProcess root, List<ProcessHandle> tree, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!root.isAlive() && tree.stream().noneMatch(ProcessLauncher::isAliveNotZombie)) {
                return true;
            }
            sleep(Duration.ofMillis(100));
        }
        return false;
    }

    private static boolean isAliveNotZombie(ProcessHandle handle) {
        return handle.isAlive() && RunningProcess.of(handle.pid()).map(RunningProcess::isAlive).orElse(false);
    }

    /**
     * The topmost processes whose command line contains {@code marker} (a path unique to this stack's run
     * directory): finds our servers even without a pid file, and orphans left behind by a crash.
     */
    static List<RunningProcess> findByMarker(String marker) {
        long self = ProcessHandle.current().pid();
        Set<Long> matching = new HashSet<>();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.filter(handle -> handle.pid() != self)
                    .filter(handle -> RunningProcess.commandLine(handle.pid()).contains(marker))
                    .forEach(handle -> matching.add(handle.pid()));
        }
        return matching.stream()
                .filter(pid -> ProcessHandle.of(pid).flatMap(ProcessHandle::parent)
                        .map(parent -> !matching.contains(parent.pid())).orElse(true))
                .sorted()
                .map(RunningProcess::of)
                .flatMap(Optional::stream)
                .filter(RunningProcess::isAlive)
                .collect(Collectors.toList());
    }

    static Optional<RunningProcess> readPidFile(Path pidFile) {
        try {
            return RunningProcess.parsePidFile(Files.readString(pidFile));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static void writePidFile(Path pidFile, RunningProcess process) throws IOException {
        Files.createDirectories(pidFile.getParent());
        Path temporary = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
        Files.writeString(temporary, process.toPidFileContent());
        Files.move(temporary, pidFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** A local account, from /etc/passwd. */
    record UnixUser(String name, int uid, int gid) {
    }

    static Optional<UnixUser> lookupUser(String name) {
        try (Stream<String> lines = Files.lines(Path.of("/etc/passwd"))) {
            return lines.map(line -> line.split(":"))
                    .filter(fields -> fields.length >= 4 && fields[0].equals(name))
                    .findFirst()
                    .map(fields -> new UnixUser(name, Integer.parseInt(fields[2]), Integer.parseInt(fields[3])));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** chown -R, without following symbolic links. */
    static void changeOwner(Path root, UnixUser user) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.forEach(path -> {
                try {
                    Files.setAttribute(path, "unix:gid", user.gid(), LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(path, "unix:uid", user.uid(), LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The last {@code lines} lines of a log, for failure reports. */
    static List<String> tail(Path file, int lines) {
        try (Stream<String> all = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            List<String> content = all.collect(Collectors.toList());
            return content.subList(Math.max(0, content.size() - lines), content.size());
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    private static void applyEnvironment(Map<String, String> target, Map<String, String> changes) {
        JVM_ENVIRONMENT_OVERRIDES.forEach(target::remove);
        changes.forEach((name, value) -> {
            if (value == null) {
                target.remove(name);
            } else {
                target.put(name, value);
            }
        });
    }

    /** One previous log is kept: after a failed start, the next attempt must not erase the evidence. */
    private static void keepPreviousLog(Path logFile) throws IOException {
        if (Files.exists(logFile)) {
            Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".previous"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // The process is gone; what was read so far is all there is.
        }
    }
}
