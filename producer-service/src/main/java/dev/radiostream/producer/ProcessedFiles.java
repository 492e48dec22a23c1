package dev.radiostream.producer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How many source files the query has taken so far. Spark's progress does not say; its file source log in the
 * checkpoint (sources/0: one JSON line per file, compacted every few batches) does.
 */
final class ProcessedFiles {

    private ProcessedFiles() {
    }

    static long count(String checkpointDir) {
        Path log = Path.of(checkpointDir, "sources", "0");
        if (!Files.isDirectory(log)) {
            return 0;
        }
        Set<String> paths = new HashSet<>();
        try (Stream<Path> batches = Files.list(log)) {
            for (Path batch : batches.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                try (Stream<String> lines = Files.lines(batch)) {
                    lines.filter(line -> line.startsWith("{\"path\":"))
                            .forEach(line -> paths.add(line.substring(0, line.indexOf("\",") + 1)));
                }
            }
        } catch (IOException e) {
            return -1; // being compacted right now: the next progress will tell
        }
        return paths.size();
    }
}
