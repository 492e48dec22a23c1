package dev.radiostream.system.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The images of the four services, built with podman from each service's packaged target/quarkus-app and its
 * Dockerfile.jvm, on a base image made here once and then kept in podman's image store.
 *
 * No registry is reachable on our machines, so the Dockerfiles' default base (eclipse-temurin) cannot be pulled:
 * the base is a Debian bookworm root file system with Debian's Java 17 JRE and curl, made with mmdebstrap from
 * Debian's own mirrors and imported into podman. {@code -Dcontainers.base-image=NAME} uses another local image.
 */
final class ContainerImages {

    static final String LOCAL_BASE_IMAGE = "localhost/radiostream-base/debian-jre17:bookworm";
    static final String TAG = "1.0";

    /** One image built: its name, its size in bytes and how long the build took. */
    record Built(String module, String image, long sizeBytes, Duration buildTime) {
        String line() {
            return String.format("%-42s %4d MB  built in %3d s", image, sizeBytes / 1_000_000, buildTime.toSeconds());
        }
    }

    private ContainerImages() {
    }

    static String baseImage() {
        return System.getProperty("containers.base-image", LOCAL_BASE_IMAGE);
    }

    /** Empty when the base image exists or can be made here; otherwise why not. */
    static Optional<String> whyNoBaseImage() {
        if (exists(baseImage()) || Podman.onPath("mmdebstrap").isPresent()) {
            return Optional.empty();
        }
        return Optional.of("no base image " + baseImage() + " and no mmdebstrap to make one (apt-get install mmdebstrap)");
    }

    static boolean exists(String image) {
        return Podman.run(Duration.ofSeconds(30), "image", "exists", image).ok();
    }

    /**
     * Makes the Debian base image unless it exists (a few minutes, once per machine). Returns how long it took,
     * zero when it was already there.
     */
    static Duration ensureBaseImage() {
        if (exists(baseImage())) {
            return Duration.ZERO;
        }
        Instant start = Instant.now();
        Path directory = temporaryDirectory();
        Path tar = directory.resolve("base.tar");
        try {
            // passwd brings groupadd/useradd, which the Dockerfiles use to create the service user.
            Podman.Result made = Podman.exec(List.of("mmdebstrap", "--quiet", "--variant=apt",
                    "--include=openjdk-17-jre-headless,curl,ca-certificates,passwd", "bookworm", tar.toString()),
                    Duration.ofMinutes(15));
            if (!made.ok()) {
                throw new AssertionError("mmdebstrap could not make the base image, " + made.describe());
            }
            Podman.runOrFail(Duration.ofMinutes(15), "import",
                    "--change", "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                    "--change", "ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64",
                    tar.toString(), baseImage());
        } finally {
            delete(tar);
            delete(directory);
        }
        return Duration.between(start, Instant.now());
    }

    /** Builds radiostream/MODULE:1.0 from the repository root, as docker compose build does, on the base image. */
    static Built build(Path root, String module) {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(module + " is not packaged (" + jar + " is missing): run ./mvnw package -DskipTests");
        }
        String image = Repository.IMAGE_PREFIX + module + ":" + TAG;
        Optional<String> previous = imageId(image);
        Instant start = Instant.now();
        // chroot isolation and no pull: the only ways a build works here (no registry, no nested namespaces);
        // docker format keeps the HEALTHCHECK (the OCI image format has none).
        Podman.runOrFail(Duration.ofMinutes(10), "build", "--isolation=chroot", "--pull=never", "--format", "docker",
                "--build-arg", "BASE_IMAGE=" + baseImage(),
                "-f", Repository.dockerfile(root, module).toString(), "-t", image, root.toString());
        Duration took = Duration.between(start, Instant.now());
        // The previous build of this tag is now untagged: remove it, or every test run leaves ~2 GB behind.
        if (previous.isPresent() && !previous.get().equals(imageId(image).orElse(""))) {
            Podman.run(Duration.ofMinutes(1), "rmi", previous.get());
        }
        long size = Long.parseLong(Podman.runOrFail(Duration.ofSeconds(30), "image", "inspect", "--format", "{{.Size}}", image));
        return new Built(module, image, size, took);
    }

    private static Optional<String> imageId(String image) {
        Podman.Result id = Podman.run(Duration.ofSeconds(30), "image", "inspect", "--format", "{{.Id}}", image);
        return id.ok() ? Optional.of(id.stdout().strip()) : Optional.empty();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("radiostream-base-image");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
