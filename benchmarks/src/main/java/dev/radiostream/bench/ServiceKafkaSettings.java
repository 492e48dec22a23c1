package dev.radiostream.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The Kafka consumer settings a consuming service runs with: its configuration keys
 * {@code kafka.consumer."<client property>"} (quoted, or not), which the services pass to their Kafka consumer. Read from the
 * packaged app the harness starts (streaming-spark's META-INF/microprofile-config.properties, then the
 * module's application.properties, which wins), or from the source tree when the app has no such file;
 * --set overrides last.
 */
final class ServiceKafkaSettings {

    static final String PREFIX = "kafka.consumer.";

    private ServiceKafkaSettings() {
    }

    /** The client properties (prefix removed), sorted; empty when none is set. */
    static Map<String, String> of(Path appsRoot, Path repositoryRoot, String module, Map<String, String> overrides) {
        Path app = appsRoot.resolve(module).resolve("target/quarkus-app");
        String common = packaged(app.resolve("lib/main"), "dev.radiostream.streaming-spark-",
                "META-INF/microprofile-config.properties")
                .orElseGet(() -> read(repositoryRoot.resolve("streaming-spark/src/main/resources/META-INF/microprofile-config.properties")));
        String own = packaged(app.resolve("app"), module, "application.properties")
                .orElseGet(() -> read(repositoryRoot.resolve(module).resolve("src/main/resources/application.properties")));
        return select(List.of(common, own), overrides);
    }

    /** The kafka.consumer.* keys of properties texts (later ones win) and overrides (win last), prefix removed. */
    static Map<String, String> select(List<String> propertiesTexts, Map<String, String> overrides) {
        Map<String, String> settings = new TreeMap<>();
        for (String text : propertiesTexts) {
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(text));
            } catch (IOException e) {
                continue;
            }
            properties.stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX))
                    .forEach(k -> settings.put(name(k), properties.getProperty(k).trim()));
        }
        overrides.forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                settings.put(name(k), v);
            }
        });
        return settings;
    }

    /** The Kafka property of a key: kafka.consumer."max.poll.records" (quoted, as map keys with dots are) or unquoted. */
    private static String name(String key) {
        String name = key.substring(PREFIX.length());
        return name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"") ? name.substring(1, name.length() - 1) : name;
    }

    /** An entry of the first jar in {@code dir} whose name starts with {@code jarPrefix}. */
    private static Optional<String> packaged(Path dir, String jarPrefix, String entry) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> jars = Files.list(dir)) {
            for (Path jar : jars.filter(p -> p.getFileName().toString().startsWith(jarPrefix)
                    && p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    var found = zip.getEntry(entry);
                    if (found != null) {
                        try (InputStream in = zip.getInputStream(found)) {
                            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
