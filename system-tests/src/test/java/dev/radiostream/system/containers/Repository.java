package dev.radiostream.system.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the repository is, and the four services that ship as containers. */
public final class Repository {

    /** The service modules, each with src/main/docker/Dockerfile.jvm and an image radiostream/MODULE. */
    static final List<String> SERVICES = List.of("producer-service", "kafka-to-cassandra-service",
            "kafka-to-elastic-service", "offset-admin-service");

    static final String COMPOSE_FILE = "docker-compose.yml";
    static final String IMAGE_PREFIX = "radiostream/";

    private Repository() {
    }

    /** Surefire sets stack.repository.root to the root directory; run from the module directory, it is "..". */
    public static Path root() {
        String configured = System.getProperty("stack.repository.root");
        Path root = Path.of(configured == null || configured.isBlank() ? ".." : configured).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("system-tests"))) {
            throw new IllegalStateException("not the repository root: " + root
                    + " (set -Dstack.repository.root=/path/to/repository)");
        }
        return root;
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path dockerfile(Path root, String module) {
        return root.resolve(module).resolve("src/main/docker/Dockerfile.jvm");
    }

    /** The Java sources below a directory, sorted; none when it does not exist. */
    public static List<Path> javaSources(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
