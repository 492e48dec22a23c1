package dev.radiostream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

    @Test
    void theBaselinesTakeTheCollectorAndJitThresholdsOfJvmOptionsAndNothingElse(@TempDir Path dir) throws Exception {
        Path options = dir.resolve("jvm.options");
        Files.writeString(options, "-XX:+IgnoreUnrecognizedVMOptions\n  -XX:+UseParallelGC \n"
                + "-XX:CompileThresholdScaling=6\n--add-opens=java.base/java.lang=ALL-UNNAMED\n"
                + "-XX:+UseStringDeduplication\n-XX:+UseMaximumCompactionOnSystemGC\n");
        assertEquals(List.of("-XX:+UseParallelGC", "-XX:CompileThresholdScaling=6"), Launcher.sharedTuning(options));

        Files.writeString(options, "--add-opens=java.base/java.lang=ALL-UNNAMED\n");
        assertEquals(List.of(), Launcher.sharedTuning(options), "no tuning in jvm.options: the JVM's defaults for all");
    }
}
