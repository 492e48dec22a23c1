package dev.radiostream.core.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** CASSANDRA_PASSWORD_FILE=/path sets cassandra.password to the file's content. */
class FileSecretsConfigSourceTest {

    @TempDir
    Path dir;

    @Test
    void variableNameFollowsTheEnvironmentConvention() {
        assertEquals("KAFKA_SASL_PASSWORD_FILE", FileSecretsConfigSource.fileVariable("kafka.sasl-password"));
        assertEquals("KAFKA_CLIENT__SASL_JAAS_CONFIG__FILE", FileSecretsConfigSource.fileVariable("kafka.client.\"sasl.jaas.config\""));
    }

    @Test
    void readsTheFileWithoutItsTrailingLineBreak() throws IOException {
        Path secret = Files.writeString(dir.resolve("db"), "s3cr3t pass\n");
        FileSecretsConfigSource source = new FileSecretsConfigSource(Map.of("CASSANDRA_PASSWORD_FILE", secret.toString()));
        assertEquals("s3cr3t pass", source.getValue("cassandra.password"));
        assertNull(source.getValue("cassandra.username"));
    }

    @Test
    void anEnvironmentVariableWinsOverTheFileAndTheFileOverProperties() throws IOException {
        Path secret = Files.writeString(dir.resolve("es"), "from-file");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new FileSecretsConfigSource(Map.of("ELASTICSEARCH_PASSWORD_FILE", secret.toString(),
                        "KAFKA_SASL_PASSWORD_FILE", secret.toString())))
                .withSources(new PropertiesConfigSource(Map.of("elasticsearch.password", "from-properties"), "app", 250))
                .withSources(new PropertiesConfigSource(Map.of("kafka.sasl-password", "from-env"), "env", 300))
                .build();
        assertEquals("from-file", config.getValue("elasticsearch.password", String.class));
        assertEquals("from-env", config.getValue("kafka.sasl-password", String.class));
    }

    @Test
    void anUnreadableFileIsNamedButNoValueShown() {
        FileSecretsConfigSource source = new FileSecretsConfigSource(Map.of("CASSANDRA_PASSWORD_FILE", "/nonexistent/db"));
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> source.getValue("cassandra.password"));
        assertTrue(error.getMessage().contains("CASSANDRA_PASSWORD_FILE names /nonexistent/db"), error.getMessage());
        assertFalse(error.getMessage().contains("s3cr3t"));
    }
}
