package dev.radiostream.core.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Our Kafka settings become the same Kafka client properties for every client. */
class KafkaClientPropertiesTest {

    private static KafkaSettings settings(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("kafka.request-timeout", "PT5S"); // plain SmallRye: no Quarkus duration converter
        return new SmallRyeConfigBuilder().withMapping(KafkaSettings.class)
                .withSources(new PropertiesConfigSource(all, "test", 100)).build()
                .getConfigMapping(KafkaSettings.class);
    }

    @Test
    void plaintextByDefault() {
        assertEquals(Map.of("bootstrap.servers", "127.0.0.1:9092", "security.protocol", "PLAINTEXT"),
                settings(Map.of()).clientProperties());
    }

    @Test
    void saslSslWithPlainLoginAndTrustStore() {
        Map<String, String> properties = settings(Map.of(
                "kafka.bootstrap-servers", "broker:9093",
                "kafka.security-protocol", "sasl_ssl",
                "kafka.sasl-username", "app",
                "kafka.sasl-password", "pa\"ss\\word",
                "kafka.truststore-path", "/certs/truststore.p12",
                "kafka.truststore-password", "trust-me")).clientProperties();

        assertEquals("SASL_SSL", properties.get("security.protocol"));
        assertEquals("PLAIN", properties.get("sasl.mechanism"));
        assertEquals("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"app\" "
                + "password=\"pa\\\"ss\\\\word\";", properties.get("sasl.jaas.config"));
        assertEquals("/certs/truststore.p12", properties.get("ssl.truststore.location"));
        assertEquals("PKCS12", properties.get("ssl.truststore.type"));
        assertEquals("trust-me", properties.get("ssl.truststore.password"));
    }

    @Test
    void scramUsesTheScramLoginModule() {
        Map<String, String> properties = settings(Map.of("kafka.security-protocol", "SASL_PLAINTEXT",
                "kafka.sasl-mechanism", "SCRAM-SHA-512", "kafka.sasl-username", "u", "kafka.sasl-password", "p"))
                .clientProperties();
        assertTrue(properties.get("sasl.jaas.config").startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required"));
        assertFalse(properties.containsKey("ssl.truststore.location"));
    }

    @Test
    void passThroughPropertiesWinAndMayReplaceTheLogin() {
        Map<String, String> properties = settings(Map.of("kafka.security-protocol", "SASL_SSL",
                "kafka.client.\"sasl.jaas.config\"", "custom required;",
                "kafka.client.\"ssl.endpoint.identification.algorithm\"", "HTTPS")).clientProperties();
        assertEquals("custom required;", properties.get("sasl.jaas.config"));
        assertEquals("HTTPS", properties.get("ssl.endpoint.identification.algorithm"));
    }

    @Test
    void saslWithoutCredentialsNamesTheMissingSetting() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("kafka.security-protocol", "SASL_SSL", "kafka.sasl-username", "app")).clientProperties());
        assertTrue(error.getMessage().contains("kafka.sasl-password"), error.getMessage());
    }

    @Test
    void unknownProtocolIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("kafka.security-protocol", "TLS")).clientProperties());
    }
}
