package dev.radiostream.core.cassandra;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;

import dev.radiostream.core.secrets.Redaction;

/**
 * How to authenticate to Cassandra and trust its certificate, for every client of ours: the Java driver sessions
 * (offsets, dead letters, the foreach writer, offset-admin) and the Spark Cassandra Connector. Serializable: it
 * travels to the executors inside {@link CassandraEndpoint}. {@link #toString()} never shows the passwords.
 *
 * @param username           PasswordAuthenticator user, null for none
 * @param ssl                client-to-node TLS
 * @param truststorePath     trust store of Cassandra's certificate authority, null for the JVM's own trust
 * @param hostnameValidation check that the certificate names the host connected to
 */
public record CassandraSecurity(String username, String password, boolean ssl, String truststorePath,
        String truststorePassword, boolean hostnameValidation) implements Serializable {

    public static final CassandraSecurity NONE = new CassandraSecurity(null, null, false, null, null, true);

    public CassandraSecurity {
        if (username != null && password == null) {
            throw new IllegalArgumentException("cassandra.username is set but cassandra.password is not "
                    + "(CASSANDRA_PASSWORD or CASSANDRA_PASSWORD_FILE)");
        }
    }

    /** The Java driver's options for this (the default SSL engine factory reads JKS and PKCS12 trust stores alike). */
    void applyTo(ProgrammaticDriverConfigLoaderBuilder config) {
        if (username != null) {
            config.withString(DefaultDriverOption.AUTH_PROVIDER_CLASS, "PlainTextAuthProvider")
                    .withString(DefaultDriverOption.AUTH_PROVIDER_USER_NAME, username)
                    .withString(DefaultDriverOption.AUTH_PROVIDER_PASSWORD, password);
        }
        if (ssl) {
            config.withString(DefaultDriverOption.SSL_ENGINE_FACTORY_CLASS, "DefaultSslEngineFactory")
                    .withBoolean(DefaultDriverOption.SSL_HOSTNAME_VALIDATION, hostnameValidation);
            if (truststorePath != null) {
                config.withString(DefaultDriverOption.SSL_TRUSTSTORE_PATH, truststorePath);
                if (truststorePassword != null) {
                    config.withString(DefaultDriverOption.SSL_TRUSTSTORE_PASSWORD, truststorePassword);
                }
            }
        }
    }

    /** The same in the Spark Cassandra Connector's option names. */
    public Map<String, String> connectorOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        if (username != null) {
            options.put("spark.cassandra.auth.username", username);
            options.put("spark.cassandra.auth.password", password);
        }
        if (ssl) {
            options.put("spark.cassandra.connection.ssl.enabled", "true");
            if (truststorePath != null) {
                options.put("spark.cassandra.connection.ssl.trustStore.path", truststorePath);
                options.put("spark.cassandra.connection.ssl.trustStore.type", truststorePath.endsWith(".jks") ? "JKS" : "PKCS12");
                if (truststorePassword != null) {
                    options.put("spark.cassandra.connection.ssl.trustStore.password", truststorePassword);
                }
            }
        }
        return options;
    }

    @Override
    public String toString() {
        return "CassandraSecurity[username=" + username + ", password=" + (password == null ? null : Redaction.MASK)
                + ", ssl=" + ssl + ", truststorePath=" + truststorePath + ", truststorePassword="
                + (truststorePassword == null ? null : Redaction.MASK) + ", hostnameValidation=" + hostnameValidation + "]";
    }
}
