package dev.radiostream.core.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Any configuration key from a file named by an environment variable: {@code CASSANDRA_PASSWORD_FILE=/run/secrets/db}
 * sets {@code cassandra.password} to the file's content (one trailing line break removed), the convention of
 * Docker and Kubernetes secrets, so that a password need not sit in the environment of the process.
 * <p>
 * Just below the environment variables themselves (ordinal 300): {@code CASSANDRA_PASSWORD} wins over
 * {@code CASSANDRA_PASSWORD_FILE}. An unreadable file is an error naming the variable and the path, never a value.
 * Registered in {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource}.
 */
public class FileSecretsConfigSource implements ConfigSource {

    static final int ORDINAL = 295;

    private final Map<String, String> environment;

    public FileSecretsConfigSource() {
        this(System.getenv());
    }

    FileSecretsConfigSource(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The environment variable naming the file of a key: {@code kafka.sasl-password} → {@code KAFKA_SASL_PASSWORD_FILE}. */
    static String fileVariable(String propertyName) {
        return propertyName.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT) + "_FILE";
    }

    @Override
    public String getValue(String propertyName) {
        String variable = fileVariable(propertyName);
        String file = environment.get(variable);
        if (file == null || file.isBlank()) {
            return null;
        }
        try {
            String content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            return content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        } catch (IOException e) {
            throw new IllegalStateException(variable + " names " + file + ", which cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Names are not listed: each key is looked up by its own name (the file variable is derived from it). */
    @Override
    public Set<String> getPropertyNames() {
        return Set.of();
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    @Override
    public String getName() {
        return "files named by *_FILE environment variables";
    }
}
