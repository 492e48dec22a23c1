package dev.radiostream.system.containers;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The podman command line. Every call gets the global options that make containers run on machines without
 * systemd and with a hybrid cgroup layout (our CI machines): {@code --cgroup-manager cgroupfs}, and
 * {@code --runtime runc} where runc is installed (crun refuses that layout); and the test's own containers.conf
 * (src/test/resources/podman-containers.conf: no default ulimits), so nothing under /etc needs changing.
 */
final class Podman {

    /** What a podman command printed: stdout apart, since podman logs systemd complaints on stderr. */
    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }

        String describe() {
            return "exit " + exitCode + ": " + (stdout + "\n" + stderr).strip();
        }
    }

    private static final List<String> GLOBAL_OPTIONS = globalOptions();

    private Podman() {
    }

    /** Empty when podman can be used here; otherwise the one-line reason why not. */
    static Optional<String> whyUnusable() {
        if (onPath("podman").isEmpty()) {
            return Optional.of("podman is not installed (Debian: apt-get install podman; ./pipeline test does it as root)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            // Rootless podman with cgroupfs cannot set memory limits: the settings here are the ones CI (root) needs.
            return Optional.of("the container run needs root (rootless podman cannot apply the memory limits here)");
        }
        Result info = run(Duration.ofSeconds(60), "info", "--format", "{{.Host.OCIRuntime.Name}}");
        return info.ok() ? Optional.empty() : Optional.of("podman does not work here: " + info.describe().lines().findFirst().orElse(""));
    }

    static Result run(Duration timeout, String... arguments) {
        return run(timeout, List.of(arguments));
    }

    static Result run(Duration timeout, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add("podman");
        command.addAll(GLOBAL_OPTIONS);
        command.addAll(arguments);
        return exec(command, timeout, Map.of("CONTAINERS_CONF", containersConf()));
    }

    /** Runs podman and fails the test with podman's own output when the command fails. */
    static String runOrFail(Duration timeout, String... arguments) {
        Result result = run(timeout, arguments);
        if (!result.ok()) {
            throw new AssertionError("podman " + String.join(" ", arguments) + " failed, " + result.describe());
        }
        return result.stdout().strip();
    }

    /** Any command (mmdebstrap, ...), with a timeout. */
    static Result exec(List<String> command, Duration timeout) {
        return exec(command, timeout, Map.of());
    }

    /** {@code environment}: variables set unless the environment already has them. */
    private static Result exec(List<String> command, Duration timeout, Map<String, String> environment) {
        try {
            Path stdout = Files.createTempFile("podman-", ".out");
            Path stderr = Files.createTempFile("podman-", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                environment.forEach(builder.environment()::putIfAbsent);
                Process process = builder.start();
                if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    return new Result(-1, "", String.join(" ", command) + ": no answer within " + timeout.toSeconds() + " s");
                }
                return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                        Files.readString(stderr, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            return new Result(-1, "", String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "", "interrupted");
        }
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        for (String directory : (path == null ? "" : path).split(File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String containersConf() {
        return Repository.root().resolve("system-tests/src/test/resources/podman-containers.conf").toString();
    }

    private static List<String> globalOptions() {
        List<String> options = new ArrayList<>(List.of("--cgroup-manager", "cgroupfs"));
        if (onPath("runc").isPresent() || Files.isExecutable(Path.of("/usr/sbin/runc"))) {
            options.addAll(List.of("--runtime", "runc"));
        }
        return List.copyOf(options);
    }
}
