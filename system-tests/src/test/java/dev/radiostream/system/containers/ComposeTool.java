package dev.radiostream.system.containers;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Compose command line found on the PATH: Debian's docker-compose (v1, or a v2 standalone binary), else the
 * Docker CLI's compose plugin (docker compose). `config` needs no Docker engine.
 */
final class ComposeTool {

    record Result(int exitCode, String output) {
    }

    static final String INSTALL_HINT = "neither docker-compose nor the docker compose plugin is on the PATH: "
            + "install one (Debian/Ubuntu: apt-get install docker-compose; CI does) to validate docker-compose.yml";

    final List<String> command;

    private ComposeTool(List<String> command) {
        this.command = command;
    }

    static Optional<ComposeTool> find() {
        Optional<Path> standalone = onPath("docker-compose");
        if (standalone.isPresent()) {
            return Optional.of(new ComposeTool(List.of(standalone.get().toString())));
        }
        Optional<Path> docker = onPath("docker");
        if (docker.isPresent() && run(List.of(docker.get().toString(), "compose", "version"), Path.of(".")).exitCode() == 0) {
            return Optional.of(new ComposeTool(List.of(docker.get().toString(), "compose")));
        }
        return Optional.empty();
    }

    Result run(Path directory, String... arguments) {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of(arguments));
        return run(full, directory);
    }

    String version() {
        Result result = run(Path.of("."), "version");
        return result.output().lines().findFirst().orElse("?").strip();
    }

    private static Result run(List<String> command, Path directory) {
        try {
            Path output = Files.createTempFile("compose-", ".out");
            try {
                Process process = new ProcessBuilder(command).directory(directory.toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    return new Result(-1, String.join(" ", command) + ": no answer within 120 s");
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            return new Result(-1, String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
