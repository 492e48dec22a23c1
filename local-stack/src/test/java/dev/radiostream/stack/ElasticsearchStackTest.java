package dev.radiostream.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class ElasticsearchStackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final StackEndpoints stack;
    private final String index = TestNames.unique("plays");

    ElasticsearchStackTest(StackEndpoints stack) {
        this.stack = stack;
    }

    @AfterEach
    void deleteIndex() throws Exception {
        send("DELETE", "/" + index, null);
    }

    @Test
    void rootIdentifiesElasticsearch882() throws Exception {
        HttpResponse<String> root = send("GET", "/", null);

        assertEquals(200, root.statusCode());
        assertEquals("Elasticsearch", root.headers().firstValue("X-elastic-product").orElse(null));
        assertEquals("8.8.2", JSON.readTree(root.body()).at("/version/number").asText());
    }

    @Test
    void indexesWithAnExplicitMappingAndFindsTheDocumentByTerm() throws Exception {
        HttpResponse<String> created = send("PUT", "/" + index, """
                {"settings": {"number_of_shards": 1, "number_of_replicas": 0},
                 "mappings": {"properties": {
                   "radio": {"type": "keyword"}, "title": {"type": "text"}, "plays": {"type": "integer"},
                   "day": {"type": "date"}}}}""");
        assertEquals(200, created.statusCode(), created.body());
        assertEquals("keyword", JSON.readTree(send("GET", "/" + index + "/_mapping", null).body())
                .at("/" + index + "/mappings/properties/radio/type").asText());

        assertEquals(201, send("PUT", "/" + index + "/_doc/nova-1?refresh=true",
                "{\"radio\": \"nova\", \"title\": \"Don't Stop Me Now\", \"plays\": 34, \"day\": \"2017-06-01\"}").statusCode());
        assertEquals(201, send("PUT", "/" + index + "/_doc/nrj-1?refresh=true",
                "{\"radio\": \"nrj\", \"title\": \"Hotline Bling\", \"plays\": 3, \"day\": \"2017-06-02\"}").statusCode());

        HttpResponse<String> found = send("POST", "/" + index + "/_search",
                "{\"query\": {\"term\": {\"radio\": \"nova\"}}}");
        assertEquals(200, found.statusCode(), found.body());
        JsonNode hits = JSON.readTree(found.body()).path("hits");
        assertEquals(1, hits.at("/total/value").asInt());
        assertEquals("nova-1", hits.at("/hits/0/_id").asText());
        assertEquals("Don't Stop Me Now", hits.at("/hits/0/_source/title").asText());
        assertEquals(34, hits.at("/hits/0/_source/plays").asInt());

        // A keyword field matches exactly: no hit for a differently cased term.
        assertEquals(0, JSON.readTree(send("POST", "/" + index + "/_search",
                "{\"query\": {\"term\": {\"radio\": \"NOVA\"}}}").body()).at("/hits/total/value").asInt());
    }

    private HttpResponse<String> send(String method, String path, String jsonBody) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.elasticsearchUrl() + path))
                .timeout(Duration.ofSeconds(30));
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
