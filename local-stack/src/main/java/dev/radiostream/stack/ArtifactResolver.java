package dev.radiostream.stack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Gets server artifacts from Maven Central through {@code mvn}, using the small standalone poms under
 * {@code local-stack/servers/<server>/pom.xml}, and caches the result in the run directory so that later starts
 * need no Maven at all.
 */
final class ArtifactResolver {

    private static final Duration MAVEN_TIMEOUT = Duration.ofMinutes(15);

    private final StackConfig config;
    private final Consumer<String> out;

    ArtifactResolver(StackConfig config, Consumer<String> out) {
        this.config = config;
        this.out = out;
    }

    /**
     * The jars of a server, cached in {@code cacheFile} (one classpath line). The cache is trusted only while every
     * jar it names still exists (a cleaned ~/.m2 triggers a new resolution).
     */
    List<Path> classpath(String server, String version, Path cacheFile) throws IOException {
        Optional<List<Path>> cached = readClasspath(cacheFile);
        if (cached.isPresent()) {
            return cached.get();
        }
        out.accept(server + ": resolving " + server + " " + version + " with Maven (only the first time)");
        Files.createDirectories(cacheFile.getParent());
        Path temporary = cacheFile.resolveSibling(cacheFile.getFileName() + ".tmp");
        runMaven(server, version, "dependency:build-classpath", "-Dmdep.outputFile=" + temporary);
        Files.move(temporary, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return readClasspath(cacheFile)
                .orElseThrow(() -> new StackException(server + ": Maven produced an unusable classpath in " + cacheFile));
    }

    /**
     * Unpacks a server distribution (a zip dependency of the server pom) into {@code targetDir} once and returns
     * {@code targetDir/expectedTopDir}; a marker file written last tells a complete unpack from an interrupted one.
     * Maven's unpack keeps the zip's exec bits.
     */
    Path unpack(String server, String version, Path targetDir, String expectedTopDir) throws IOException {
        Path completeMarker = targetDir.resolve(".unpacked-" + version);
        Path unpacked = targetDir.resolve(expectedTopDir);
        if (Files.exists(completeMarker) && Files.isDirectory(unpacked)) {
            return unpacked;
        }
        out.accept(server + ": fetching " + server + " " + version + " with Maven (only the first time)");
        deleteRecursively(targetDir);
        Files.createDirectories(targetDir);
        // overWriteReleases: unpack even if the plugin's own marker files (under servers/<server>/target) say it did.
        runMaven(server, version, "dependency:unpack-dependencies", "-DoutputDirectory=" + targetDir,
                "-DoverWriteReleases=true");
        if (!Files.isDirectory(unpacked)) {
            throw new StackException(server + ": Maven unpacked no " + expectedTopDir + " into " + targetDir);
        }
        Files.writeString(completeMarker, version + "\n");
        return unpacked;
    }

    private void runMaven(String server, String version, String goal, String... properties) throws IOException {
        Path pom = config.repositoryRoot().resolve("local-stack").resolve("servers").resolve(server).resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            throw new StackException(server + ": " + pom + " not found (is stack.repository.root the checkout root?)");
        }
        List<String> command = new ArrayList<>(List.of(findMaven().toString(), "-q", "-B"));
        Path settings = config.repositoryRoot().resolve(".mvn").resolve("settings.xml");
        if (Files.isRegularFile(settings)) {
            command.addAll(List.of("-s", settings.toString()));
        }
        command.addAll(List.of("-f", pom.toString(), goal, "-Dstack." + server + ".version=" + version));
        command.addAll(Arrays.asList(properties));
        // From the checkout root: .mvn/maven.config names its settings file relative to it.
        ProcessLauncher.Completed result = ProcessLauncher.run(command, config.repositoryRoot(), Map.of(), MAVEN_TIMEOUT);
        if (result.exitCode() != 0) {
            String lastLines = result.output().lines()
                    .skip(Math.max(0, result.output().lines().count() - 15))
                    .collect(Collectors.joining("\n  "));
            throw new StackException(server + ": Maven could not resolve " + server + " " + version
                    + " (exit " + result.exitCode() + "):\n  " + lastLines);
        }
    }

    /** mvn from MAVEN_HOME, else the maven.home system property (Surefire passes it), else the PATH. */
    static Path findMaven() {
        Stream<Path> fromHomes = Stream.of(System.getenv("MAVEN_HOME"), System.getProperty("maven.home"))
                .filter(home -> home != null && !home.isBlank())
                .map(home -> Path.of(home, "bin", "mvn"));
        Stream<Path> fromPath = Arrays.stream(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "mvn"));
        return Stream.concat(fromHomes, fromPath)
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new StackException("mvn not found (set MAVEN_HOME or put mvn on the PATH): "
                        + "it is needed once to fetch the servers from Maven Central"));
    }

    private static Optional<List<Path>> readClasspath(Path cacheFile) throws IOException {
        if (!Files.isRegularFile(cacheFile)) {
            return Optional.empty();
        }
        List<Path> jars = Arrays.stream(Files.readString(cacheFile).trim().split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(Path::of)
                .collect(Collectors.toList());
        return jars.isEmpty() || !jars.stream().allMatch(Files::isRegularFile) ? Optional.empty() : Optional.of(jars);
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(path);
            }
        }
    }
}
