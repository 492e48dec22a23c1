package dev.radiostream.core.kafka;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Our Kafka settings in Kafka's own property names, the same for the admin client, consumers, producers and Spark. */
final class KafkaClientProperties {

    private KafkaClientProperties() {
    }

    static Map<String, String> of(KafkaSettings settings) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("bootstrap.servers", settings.bootstrapServers());
        String protocol = settings.securityProtocol().trim().toUpperCase(Locale.ROOT);
        if (!protocol.matches("PLAINTEXT|SSL|SASL_PLAINTEXT|SASL_SSL")) {
            throw new IllegalArgumentException("kafka.security-protocol must be PLAINTEXT, SSL, SASL_PLAINTEXT or "
                    + "SASL_SSL, got '" + settings.securityProtocol() + "'");
        }
        properties.put("security.protocol", protocol);
        if (protocol.startsWith("SASL_")) {
            String mechanism = settings.saslMechanism().trim().toUpperCase(Locale.ROOT);
            properties.put("sasl.mechanism", mechanism);
            boolean ownJaas = settings.client().containsKey("sasl.jaas.config");
            if (!ownJaas) {
                String username = settings.saslUsername().orElseThrow(() -> new IllegalArgumentException(
                        "kafka.sasl-username (KAFKA_SASL_USERNAME) is needed with kafka.security-protocol " + protocol));
                String password = settings.saslPassword().orElseThrow(() -> new IllegalArgumentException(
                        "kafka.sasl-password (KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE) is needed with "
                                + "kafka.security-protocol " + protocol));
                properties.put("sasl.jaas.config", loginModule(mechanism) + " required username=\"" + quoted(username)
                        + "\" password=\"" + quoted(password) + "\";");
            }
        }
        if (protocol.endsWith("SSL")) {
            settings.truststorePath().ifPresent(path -> {
                properties.put("ssl.truststore.location", path);
                properties.put("ssl.truststore.type", settings.truststoreType());
                settings.truststorePassword().ifPresent(password -> properties.put("ssl.truststore.password", password));
            });
        }
        properties.putAll(settings.client());
        return properties;
    }

    private static String loginModule(String mechanism) {
        if (mechanism.equals("PLAIN")) {
            return "org.apache.kafka.common.security.plain.PlainLoginModule";
        }
        if (mechanism.startsWith("SCRAM-")) {
            return "org.apache.kafka.common.security.scram.ScramLoginModule";
        }
        throw new IllegalArgumentException("kafka.sasl-mechanism must be PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (or set "
                + "kafka.client.\"sasl.jaas.config\" yourself), got '" + mechanism + "'");
    }

    /** A JAAS option value in double quotes: backslash and quote escaped. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
