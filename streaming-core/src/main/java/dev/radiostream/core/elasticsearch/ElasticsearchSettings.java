package dev.radiostream.core.elasticsearch;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where Elasticsearch is (elasticsearch.url, environment ELASTICSEARCH_URL), how to authenticate and whom to trust:
 * one set of keys for every service that talks to it (kafka-to-elastic-service's own requests and its connector,
 * offset-admin-service's dashboard), so the same variables point them all at the same server. The connector's
 * other settings are kafka-to-elastic-service's es.* keys.
 */
@ConfigMapping(prefix = "elasticsearch")
public interface ElasticsearchSettings {

    /** The default kafka-to-elastic-service's --elasticsearch-url help shows too. */
    String DEFAULT_URL = "http://127.0.0.1:9200";

    /** https://... for TLS. */
    @WithDefault(DEFAULT_URL)
    URI url();

    /** Timeout of the service's own requests (index creation); the connector has es.http.timeout. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Timeout of the readiness probe's request: a hanging Elasticsearch must not hang readiness. */
    @WithDefault("2s")
    Duration probeTimeout();

    /** Basic authentication user; none when absent. */
    Optional<String> username();

    /** A secret: never printed. From ELASTICSEARCH_PASSWORD or the file named by ELASTICSEARCH_PASSWORD_FILE. */
    Optional<String> password();

    /** An API key (the base64 "encoded" form Elasticsearch returns), instead of a user; a secret. */
    Optional<String> apiKey();

    /** Trust store (PKCS12 or JKS) of Elasticsearch's certificate authority, for https; the JVM's own trust when absent. */
    Optional<String> truststorePath();

    Optional<String> truststorePassword();

    /** Replicas of each index kafka-to-elastic-service creates (an existing index keeps its own). */
    @WithDefault("0")
    int indexReplicas();

    /** The Authorization header of every request, if any: ApiKey wins over basic authentication. */
    default Optional<String> authorization() {
        if (apiKey().isPresent()) {
            return Optional.of("ApiKey " + apiKey().get());
        }
        return username().map(user -> "Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":" + password().orElseThrow(() -> new IllegalArgumentException("elasticsearch.username is set "
                        + "but elasticsearch.password is not (ELASTICSEARCH_PASSWORD or ELASTICSEARCH_PASSWORD_FILE)")))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
