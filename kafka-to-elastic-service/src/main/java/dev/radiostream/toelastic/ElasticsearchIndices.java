package dev.radiostream.toelastic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.radiostream.core.elasticsearch.ElasticsearchClient;
import dev.radiostream.core.elasticsearch.ElasticsearchSettings;


/**
 * The service's own requests to Elasticsearch, over java.net.http (the connector only writes documents):
 * creating the index with its explicit mapping, and the readiness probe.
 * <p>
 * Mappings (resources mappings/*.json): "dynamic": "strict", so a document with a field the mapping does not
 * know is refused instead of silently widening the index; radio, artist and title are keyword (term queries,
 * aggregations) with a text sub-field (full-text search). ignore_above 8191 characters keeps any value under
 * Lucene's 32,766-byte term limit: a longer value stays in _source and in the text field but is not a term,
 * instead of getting the whole document refused.
 */
@ApplicationScoped
public class ElasticsearchIndices {

    private static final Logger LOG = Logger.getLogger(ElasticsearchIndices.class);

    private final ElasticsearchSettings settings;
    private final ElasticsearchClient client;

    public ElasticsearchIndices(ElasticsearchSettings settings) {
        this.settings = settings;
        this.client = new ElasticsearchClient(settings);
    }

    public String address() {
        return client.address();
    }

    /**
     * Creates the index with the mapping of the resource unless it exists. An existing index is kept as it is
     * (a restart must not lose documents); if its mapping differs, the writes say so.
     */
    public void createIndex(String index, String mappingResource) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(client.request("/" + validIndexName(index))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(withReplicas(resource(mappingResource)))));
        if (response.statusCode() == 200) {
            LOG.infof("Created index %s with the mapping %s", index, mappingResource);
        } else if (response.statusCode() == 400 && response.body().contains("resource_already_exists_exception")) {
            LOG.debugf("Index %s exists", index);
        } else {
            throw new IllegalStateException("creating index " + index + " at " + address() + " failed: HTTP "
                    + response.statusCode() + " " + response.body());
        }
    }

    /** Returns normally when Elasticsearch answers GET / as the connector needs it (it checks the same). */
    public void ping() throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(client.request("/").timeout(settings.probeTimeout()).GET());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new IllegalStateException("GET / refused with HTTP " + response.statusCode() + " (check "
                    + "elasticsearch.username/password or api-key)");
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET / answered HTTP " + response.statusCode());
        }
        if (response.headers().firstValue("X-elastic-product").isEmpty()) {
            throw new IllegalStateException("the server is not Elasticsearch (no X-elastic-product header)");
        }
    }

    /** Elasticsearch's rules for index names, checked here so a bad name gets a clear message. */
    static String validIndexName(String index) {
        if (index == null || !index.matches("[a-z0-9][a-z0-9_.-]{0,254}") || index.equals(".") || index.equals("..")) {
            throw new IllegalArgumentException("not a valid Elasticsearch index name: '" + index
                    + "' (lowercase letters, digits, _ . -, not starting with _ . or -)");
        }
        return index;
    }

    /** The mapping resource with this deployment's number of replicas (the resources say 0). */
    String withReplicas(String indexDefinition) {
        String replaced = indexDefinition.replaceFirst("\"number_of_replicas\"\\s*:\\s*\\d+",
                "\"number_of_replicas\": " + settings.indexReplicas());
        if (replaced.equals(indexDefinition) && settings.indexReplicas() != 0) {
            throw new IllegalStateException("the index definition has no number_of_replicas to set");
        }
        return replaced;
    }

    private static String resource(String name) {
        try (InputStream in = ElasticsearchIndices.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
