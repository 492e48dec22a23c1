package dev.radiostream.spark.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Throw-away checkpoint directories for queries whose progress lives elsewhere (the consumers keep their
 * offsets in Cassandra): every start gets an empty one, so Spark never resumes from a stale checkpoint.
 */
public final class Checkpoints {

    private Checkpoints() {
    }

    public static Path fresh(String queryName) {
        try {
            return Files.createTempDirectory("checkpoint-" + queryName + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void delete(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
