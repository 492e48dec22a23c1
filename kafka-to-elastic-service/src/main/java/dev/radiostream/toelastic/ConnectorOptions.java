package dev.radiostream.toelastic;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import dev.radiostream.core.elasticsearch.ElasticsearchSettings;

/**
 * The elasticsearch-spark connector's settings for a write: every es.* configuration key (batch sizes,
 * refresh, retries, timeouts: application.properties, environment variables for keys listed there, system
 * properties), then where Elasticsearch is and how to log in and trust it (from elasticsearch.*) and what this service's design depends
 * on, which configuration cannot change: our own index (never auto-created), the document id, the write
 * operation (index), the document version and the bulk error handler that dead-letters refused documents.
 */
@ApplicationScoped
public class ConnectorOptions {

    static final String HANDLER_NAME = "deadletter";

    private final ElasticsearchSettings settings;

    public ConnectorOptions(ElasticsearchSettings settings) {
        this.settings = settings;
    }

    /**
     * @param idColumn  column whose value is the document id
     * @param excluded  comma-separated columns that are not part of the document (e.g. the id column), or ""
     * @param version   column holding the document's external version (the highest is kept: external_gte, so a
     *                  replay of the same version is written again, harmlessly), or empty
     */
    Map<String, String> forWrite(String index, String idColumn, String excluded, Optional<String> version) {
        Map<String, String> options = new TreeMap<>(configuredKeys());
        URI url = settings.url();
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        options.put("es.nodes", url.getHost());
        options.put("es.port", Integer.toString(url.getPort() > 0 ? url.getPort() : https ? 443 : 9200));
        options.put("es.net.ssl", Boolean.toString(https));
        options.putAll(security());
        if (url.getPath() != null && !url.getPath().isBlank() && !url.getPath().equals("/")) {
            options.put("es.nodes.path.prefix", url.getPath());
        }
        options.put("es.resource.write", index);
        options.put("es.index.auto.create", "false");
        options.put("es.mapping.id", idColumn);
        options.put("es.write.operation", "index"); // every document is whole: it replaces the one with its id
        if (excluded.isBlank()) {
            options.remove("es.mapping.exclude");
        } else {
            options.put("es.mapping.exclude", excluded);
        }
        version.ifPresentOrElse(column -> {
            options.put("es.mapping.version", column);
            options.put("es.mapping.version.type", "external_gte");
        }, () -> {
            options.remove("es.mapping.version");
            options.remove("es.mapping.version.type");
        });
        options.put("es.write.rest.error.handlers", HANDLER_NAME);
        options.put("es.write.rest.error.handler." + HANDLER_NAME, DeadLetterBulkErrorHandler.class.getName());
        return options;
    }

    /** Authentication and trust in the connector's es.net.* names. */
    Map<String, String> security() {
        Map<String, String> options = new TreeMap<>();
        if (settings.apiKey().isPresent()) {
            options.put("es.net.http.header.Authorization", settings.authorization().orElseThrow());
        } else if (settings.username().isPresent()) {
            settings.authorization(); // fails with the reason when the password is missing
            options.put("es.net.http.auth.user", settings.username().get());
            options.put("es.net.http.auth.pass", settings.password().orElseThrow());
        }
        settings.truststorePath().ifPresent(path -> {
            // The connector reads a location without a scheme from the class path.
            options.put("es.net.ssl.truststore.location", Path.of(path).toAbsolutePath().toUri().toString());
            options.put("es.net.ssl.truststore.type", path.endsWith(".jks") ? "JKS" : "PKCS12");
            settings.truststorePassword().ifPresent(password -> options.put("es.net.ssl.truststore.pass", password));
        });
        return options;
    }

    private static Map<String, String> configuredKeys() {
        Config config = ConfigProvider.getConfig();
        Map<String, String> keys = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("es.")) {
                config.getOptionalValue(name, String.class).ifPresent(value -> keys.put(name, value));
            }
        }
        return keys;
    }
}
