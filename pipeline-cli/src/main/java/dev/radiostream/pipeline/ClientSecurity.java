package dev.radiostream.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import javax.net.ssl.SSLContext;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;

import com.datastax.oss.driver.api.core.CqlSessionBuilder;

/**
 * How the pipeline reaches secured servers: the services' own security variables ({@code KAFKA_SECURITY_PROTOCOL},
 * {@code CASSANDRA_PASSWORD_FILE}, ...; e.g. the secured stack's {@code services.env}), handed on to every service
 * process as they are, and used by the pipeline's own clients (progress, results). Empty: open servers.
 */
public record ClientSecurity(Map<String, String> variables) {

    public static final ClientSecurity NONE = new ClientSecurity(Map.of());

    /** The variables the services read for security (and their *_FILE forms for the secrets). */
    static final List<String> NAMES = List.of(
            "KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD",
            "KAFKA_TRUSTSTORE_PATH", "KAFKA_TRUSTSTORE_PASSWORD",
            "CASSANDRA_USERNAME", "CASSANDRA_PASSWORD", "CASSANDRA_SSL", "CASSANDRA_TRUSTSTORE_PATH",
            "CASSANDRA_TRUSTSTORE_PASSWORD",
            "ELASTICSEARCH_USERNAME", "ELASTICSEARCH_PASSWORD", "ELASTICSEARCH_API_KEY", "ELASTICSEARCH_TRUSTSTORE_PATH",
            "ELASTICSEARCH_TRUSTSTORE_PASSWORD");

    public ClientSecurity {
        variables = Map.copyOf(variables);
    }

    /** The security variables present in this environment. */
    public static ClientSecurity from(Map<String, String> environment) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String name : NAMES) {
            for (String variable : List.of(name, name + "_FILE")) {
                String value = environment.get(variable);
                if (value != null && !value.isBlank()) {
                    found.put(variable, value);
                }
            }
        }
        return new ClientSecurity(found);
    }

    /** A variable's value, from the file its *_FILE form names when it is not set itself. */
    Optional<String> value(String name) {
        String value = variables.get(name);
        if (value != null) {
            return Optional.of(value);
        }
        String file = variables.get(name + "_FILE");
        if (file == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(Path.of(file)).strip());
        } catch (IOException e) {
            throw new IllegalStateException(name + "_FILE names " + file + ", which cannot be read", e);
        }
    }

    /** Kafka client properties for SASL and TLS (none for PLAINTEXT). */
    public Properties kafka() {
        Properties properties = new Properties();
        String protocol = value("KAFKA_SECURITY_PROTOCOL").orElse("PLAINTEXT");
        properties.put("security.protocol", protocol);
        if (protocol.startsWith("SASL_")) {
            String mechanism = value("KAFKA_SASL_MECHANISM").orElse("PLAIN");
            properties.put("sasl.mechanism", mechanism);
            properties.put("sasl.jaas.config", (mechanism.equals("PLAIN")
                    ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                    : "org.apache.kafka.common.security.scram.ScramLoginModule") + " required username=\""
                    + value("KAFKA_SASL_USERNAME").orElse("") + "\" password=\"" + value("KAFKA_SASL_PASSWORD").orElse("") + "\";");
        }
        value("KAFKA_TRUSTSTORE_PATH").ifPresent(path -> {
            properties.put("ssl.truststore.location", path);
            properties.put("ssl.truststore.type", path.endsWith(".jks") ? "JKS" : "PKCS12");
            value("KAFKA_TRUSTSTORE_PASSWORD").ifPresent(password -> properties.put("ssl.truststore.password", password));
        });
        return properties;
    }

    /** Login and TLS for a Cassandra session. */
    public CqlSessionBuilder cassandra(CqlSessionBuilder builder) {
        value("CASSANDRA_USERNAME").ifPresent(user -> builder.withAuthCredentials(user, value("CASSANDRA_PASSWORD").orElse("")));
        if (Boolean.parseBoolean(value("CASSANDRA_SSL").orElse("false"))) {
            builder.withSslContext(value("CASSANDRA_TRUSTSTORE_PATH")
                    .map(path -> sslContext(path, value("CASSANDRA_TRUSTSTORE_PASSWORD").orElse(null))).orElseGet(ClientSecurity::jvmDefault));
        }
        return builder;
    }

    /** The Authorization header of Elasticsearch requests, if any. */
    public Optional<String> elasticsearchAuthorization() {
        Optional<String> apiKey = value("ELASTICSEARCH_API_KEY");
        if (apiKey.isPresent()) {
            return Optional.of("ApiKey " + apiKey.get());
        }
        return value("ELASTICSEARCH_USERNAME").map(user -> "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + value("ELASTICSEARCH_PASSWORD").orElse("")).getBytes(StandardCharsets.UTF_8)));
    }

    /** TLS for Elasticsearch: its trust store, else the JVM's. */
    public SSLContext elasticsearchSsl() {
        return value("ELASTICSEARCH_TRUSTSTORE_PATH")
                .map(path -> sslContext(path, value("ELASTICSEARCH_TRUSTSTORE_PASSWORD").orElse(null)))
                .orElseGet(ClientSecurity::jvmDefault);
    }

    /** A TLS context trusting this trust store: Kafka's own client SSL factory builds it (no trust code of ours). */
    static SSLContext sslContext(String truststore, String password) {
        Map<String, Object> trust = new HashMap<>(Map.of(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore,
                SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, truststore.endsWith(".jks") ? "JKS" : "PKCS12"));
        Optional.ofNullable(password).ifPresent(p -> trust.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, p));
        try (DefaultSslEngineFactory factory = new DefaultSslEngineFactory()) {
            factory.configure(new ConfigDef().withClientSslSupport().parse(trust));
            return factory.sslContext();
        }
    }

    private static SSLContext jvmDefault() {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Never the values: they hold secrets. */
    @Override
    public String toString() {
        return "ClientSecurity" + variables.keySet();
    }
}
