package dev.radiostream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private copy of the packaged services (MODULE/target/quarkus-app) and jvm.options, laid out like the
 * repository, from which the harness starts them. A build in the working tree during a long benchmark
 * (another `mvn package`) replaces the jars under a running service and makes it fail; the copy is immune.
 */
final class AppSnapshot {

    private AppSnapshot() {
    }

    /** Copies the services' packaged apps into {@code into}; returns it, to be used as the services' root. */
    static Path take(Path root, Path into, List<String> modules) {
        try {
            deleteRecursively(into);
            Files.createDirectories(into);
            Files.copy(root.resolve("jvm.options"), into.resolve("jvm.options"));
            for (String module : modules) {
                Path app = root.resolve(module).resolve("target/quarkus-app");
                if (!Files.exists(app.resolve("quarkus-run.jar"))) {
                    throw new IllegalStateException(module + " is not built: " + app.resolve("quarkus-run.jar")
                            + " is missing (./bench builds it; --no-build skips that)");
                }
                copyRecursively(app, into.resolve(module).resolve("target/quarkus-app"));
            }
            return into;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the packaged services to " + into, e);
        }
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
