package dev.radiostream.system.containers;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.radiostream.pipeline.ServiceSpec;

/**
 * One service of the pipeline ({@link ServiceSpec}: the same command and environment ./pipeline gives the process)
 * as a podman container on the host network, hardened as a production run would be: the image's own user,
 * a read-only root file system with a writable /tmp only, a memory limit, tini as PID 1 (compose's init: true).
 */
final class ServiceContainer {

    /** How a stop went: the time `podman stop` took and the exit code the container ended with. */
    record Stop(Duration took, int exitCode) {
    }

    static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    final ServiceSpec spec;
    final String name;
    final String image;
    private final String memory;

    ServiceContainer(ServiceSpec spec, String namePrefix, String memory) {
        this.spec = spec;
        this.name = namePrefix + spec.name();
        this.image = Repository.IMAGE_PREFIX + spec.module() + ":" + ContainerImages.TAG;
        this.memory = memory;
    }

    /** Starts it detached; {@code data} is mounted read-only at /deployments/data (the producers read it there). */
    void start(Path data) {
        Podman.runOrFail(COMMAND_TIMEOUT, runArguments(data).toArray(String[]::new));
    }

    List<String> runArguments(Path data) {
        List<String> arguments = new ArrayList<>(List.of("run", "--detach", "--name", name,
                "--network", "host",
                "--read-only", "--read-only-tmpfs=false", "--tmpfs", "/tmp:rw,mode=1777",
                "--memory", memory,
                "--init", "--init-path", initPath(),
                // The image's HEALTHCHECK stays; podman's timer for it needs systemd, so the test runs it itself.
                "--health-interval", "disable",
                "--volume", data + ":/deployments/data:ro",
                "--env", "QUARKUS_HTTP_PORT=" + spec.port()));
        for (Map.Entry<String, String> variable : spec.env().entrySet()) {
            arguments.addAll(List.of("--env", variable.getKey() + "=" + variable.getValue()));
        }
        arguments.add(image);
        arguments.addAll(spec.args());
        return arguments;
    }

    boolean running() {
        Podman.Result state = Podman.run(COMMAND_TIMEOUT, "inspect", "--format", "{{.State.Running}}", name);
        return state.ok() && state.stdout().strip().equals("true");
    }

    /** Runs the image's own HEALTHCHECK command now; true when it passed. */
    boolean healthCheckPasses() {
        return Podman.run(COMMAND_TIMEOUT, "healthcheck", "run", name).ok();
    }

    /** The health status podman recorded from the health checks run so far (healthy, unhealthy, starting). */
    String healthStatus() {
        return inspect("{{.State.Health.Status}}");
    }

    String inspect(String format) {
        return Podman.runOrFail(COMMAND_TIMEOUT, "inspect", "--format", format, name);
    }

    Podman.Result exec(String... command) {
        List<String> arguments = new ArrayList<>(List.of("exec", name));
        arguments.addAll(List.of(command));
        return Podman.run(COMMAND_TIMEOUT, arguments);
    }

    String logs() {
        Podman.Result logs = Podman.run(COMMAND_TIMEOUT, "logs", name);
        return logs.stdout() + logs.stderr();
    }

    /** podman stop: SIGTERM, then SIGKILL after the grace period. */
    Stop stop() {
        Instant start = Instant.now();
        Podman.runOrFail(GRACE.plus(COMMAND_TIMEOUT), "stop", "--time", Long.toString(GRACE.toSeconds()), name);
        Duration took = Duration.between(start, Instant.now());
        return new Stop(took, Integer.parseInt(inspect("{{.State.ExitCode}}")));
    }

    /** Removes the container whatever its state (the test's clean-up). */
    void remove() {
        Podman.run(GRACE.plus(COMMAND_TIMEOUT), "rm", "--force", "--time", "10", name);
    }

    /** tini as PID 1: podman's own init (catatonit) where installed, else Debian's static tini. */
    private static String initPath() {
        for (String candidate : List.of("/usr/libexec/podman/catatonit", "/usr/bin/catatonit", "/usr/bin/tini-static")) {
            if (java.nio.file.Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new AssertionError("no init for --init: install catatonit or tini (apt-get install tini)");
    }
}
