package dev.radiostream.core.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class RedactionTest {

    @Test
    void everySecretIsMaskedLongestFirst() {
        assertEquals("login **** failed for **** and ****",
                Redaction.redact("login hunter2-long failed for hunter2-long and abcd", List.of("hunter2", "hunter2-long", "abcd")));
    }

    @Test
    void tooShortValuesAndNullTextAreLeftAlone() {
        assertEquals("a b c", Redaction.redact("a b c", List.of("b")));
        assertEquals(null, Redaction.redact(null, List.of("secret")));
    }

    @Test
    void secretsAreTheNamedKeysAndKeysNamedLikeSecrets() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "cassandra.password", "cass-pw",
                "elasticsearch.api-key", "es-key",
                "kafka.client.\"sasl.jaas.config\"", "jaas-config",
                "es.net.http.auth.pass", "es-pass",
                "cassandra.username", "app-user"), "test", 100)).build();
        assertEquals(Set.of("cass-pw", "es-key", "jaas-config", "es-pass"), Redaction.secretsOf(config));
    }
}
