package dev.radiostream.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The JVM options Spark needs on Java 17, from jvm.options at the repository root (one per line). */
final class JvmOptions {

    private JvmOptions() {
    }

    static List<String> read(Path repositoryRoot) {
        try {
            return Files.readAllLines(repositoryRoot.resolve("jvm.options")).stream()
                    .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
