package dev.radiostream.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the Java 17 installation the servers run on. Cassandra 5.0 needs exactly 17 (its security manager use
 * fails on 21+ and is gone on 24+); Kafka 4.1 and Elasticsearch 8.8 run on it too, so all three share one JDK.
 */
final class JavaRuntime {

    static final int REQUIRED_FEATURE_VERSION = 17;

    private JavaRuntime() {
    }

    /**
     * Candidates in order: STACK_JAVA_HOME, the JVM running this code, JAVA_HOME, Debian's path, any other
     * /usr/lib/jvm entry that is a 17.
     */
    static Path findJava17Home(Map<String, String> env) {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(env.get("STACK_JAVA_HOME")).map(Path::of).ifPresent(candidates::add);
        candidates.add(Path.of(System.getProperty("java.home")));
        Optional.ofNullable(env.get("JAVA_HOME")).map(Path::of).ifPresent(candidates::add);
        candidates.add(Path.of("/usr/lib/jvm/java-17-openjdk-amd64"));
        try (Stream<Path> installed = Files.list(Path.of("/usr/lib/jvm"))) {
            installed.sorted().forEach(candidates::add);
        } catch (IOException e) {
            // No /usr/lib/jvm: the other candidates are all there is.
        }
        return candidates.stream()
                .filter(JavaRuntime::isJava17Home)
                .findFirst()
                .map(home -> home.toAbsolutePath().normalize())
                .orElseThrow(() -> new StackException("no Java 17 found (Cassandra 5.0 needs exactly 17): "
                        + "install openjdk-17-jdk-headless or set STACK_JAVA_HOME"));
    }

    static Path javaExecutable(Path javaHome) {
        return javaHome.resolve("bin").resolve("java");
    }

    /** Reads the JDK's {@code release} file rather than starting a JVM to ask it. */
    static boolean isJava17Home(Path home) {
        if (!Files.isExecutable(javaExecutable(home))) {
            return false;
        }
        Path release = home.resolve("release");
        if (Files.isRegularFile(release)) {
            try {
                return Files.readAllLines(release).stream()
                        .filter(line -> line.startsWith("JAVA_VERSION="))
                        .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
                        .anyMatch(version -> version.equals("17") || version.startsWith("17."));
            } catch (IOException e) {
                return false;
            }
        }
        // A JRE image without a release file: only the running JVM can be asked cheaply.
        return home.toAbsolutePath().normalize().equals(Path.of(System.getProperty("java.home")).toAbsolutePath().normalize())
                && Runtime.version().feature() == REQUIRED_FEATURE_VERSION;
    }
}
