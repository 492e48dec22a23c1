package dev.radiostream.toelastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import dev.radiostream.core.elasticsearch.ElasticsearchSettings;

/** Login and trust reach es-hadoop in its es.net.* names and the service's own client as a header; replicas as set. */
class ElasticsearchSecurityOptionsTest {

    private static ElasticsearchSettings settings(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("elasticsearch.request-timeout", "PT10S"); // plain SmallRye: no Quarkus duration converter
        all.put("elasticsearch.probe-timeout", "PT2S");
        return new SmallRyeConfigBuilder().withMapping(ElasticsearchSettings.class)
                .withSources(new PropertiesConfigSource(all, "test", 100)).build()
                .getConfigMapping(ElasticsearchSettings.class);
    }

    @Test
    void basicAuthenticationAndTrustStore() {
        ElasticsearchSettings settings = settings(Map.of("elasticsearch.url", "https://es:9200",
                "elasticsearch.username", "app", "elasticsearch.password", "es-secret",
                "elasticsearch.truststore-path", "/certs/truststore.p12", "elasticsearch.truststore-password", "trust"));
        assertEquals(Map.of("es.net.http.auth.user", "app", "es.net.http.auth.pass", "es-secret",
                "es.net.ssl.truststore.location", Path.of("/certs/truststore.p12").toUri().toString(),
                "es.net.ssl.truststore.type", "PKCS12", "es.net.ssl.truststore.pass", "trust"),
                new ConnectorOptions(settings).security());
        assertEquals("Basic YXBwOmVzLXNlY3JldA==", settings.authorization().orElseThrow());
    }

    @Test
    void anApiKeyWinsAndGoesAsAHeader() {
        ElasticsearchSettings settings = settings(Map.of("elasticsearch.api-key", "a2V5", "elasticsearch.username", "app",
                "elasticsearch.password", "pw"));
        assertEquals(Map.of("es.net.http.header.Authorization", "ApiKey a2V5"), new ConnectorOptions(settings).security());
    }

    @Test
    void aUserWithoutPasswordIsRefusedNamingTheSetting() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new ConnectorOptions(settings(Map.of("elasticsearch.username", "app"))).security());
        assertTrue(error.getMessage().contains("elasticsearch.password"), error.getMessage());
    }

    @Test
    void indexReplicasReplaceTheMappingsZero() {
        String definition = "{\"settings\": {\"number_of_shards\": 1, \"number_of_replicas\": 0}}";
        assertEquals("{\"settings\": {\"number_of_shards\": 1, \"number_of_replicas\": 2}}",
                new ElasticsearchIndices(settings(Map.of("elasticsearch.index-replicas", "2"))).withReplicas(definition));
        assertEquals(definition, new ElasticsearchIndices(settings(Map.of())).withReplicas(definition));
    }
}
