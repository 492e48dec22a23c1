package dev.radiostream.toelastic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a test asks Elasticsearch directly, over plain HTTP: documents, searches, aggregations, index set-up. */
final class ElasticsearchTestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ElasticsearchTestClient(String url) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Makes every write visible to searches (the service writes without refreshing). */
    void refresh(String index) {
        request("POST", "/" + index + "/_refresh", null);
    }

    long count(String index) {
        refresh(index);
        return request("GET", "/" + index + "/_count", null).get("count").asLong();
    }

    /** The document with its _version and _source, or null when there is none. */
    JsonNode document(String index, String id) {
        JsonNode found = request("GET", "/" + index + "/_doc/" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8)
                .replace("+", "%20"), null);
        return found.path("found").asBoolean() ? found : null;
    }

    /** The hits of a term query on a keyword field. */
    JsonNode termSearch(String index, String field, Object value) {
        refresh(index);
        return request("POST", "/" + index + "/_search", Map.of("query", Map.of("term", Map.of(field, value))))
                .path("hits").path("hits");
    }

    /** id -> _source of every document (small test indices only). */
    Map<String, JsonNode> all(String index) {
        refresh(index);
        Map<String, JsonNode> documents = new TreeMap<>();
        for (JsonNode hit : request("POST", "/" + index + "/_search", Map.of("size", 1000)).path("hits").path("hits")) {
            documents.put(hit.get("_id").asText(), hit.get("_source"));
        }
        return documents;
    }

    /** A terms aggregation: value -> document count. */
    Map<String, Long> termsCount(String index, String field) {
        refresh(index);
        JsonNode result = request("POST", "/" + index + "/_search", Map.of("size", 0,
                "aggs", Map.of("values", Map.of("terms", Map.of("field", field, "size", 100)))));
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode bucket : result.path("aggregations").path("values").path("buckets")) {
            counts.put(bucket.get("key").asText(), bucket.get("doc_count").asLong());
        }
        return counts;
    }

    JsonNode search(String index, Object body) {
        refresh(index);
        return request("POST", "/" + index + "/_search", body);
    }

    JsonNode mapping(String index) {
        return request("GET", "/" + index + "/_mapping", null).path(index).path("mappings");
    }

    void createIndex(String index, String body) {
        send("PUT", "/" + index, body, true);
    }

    void deleteIndex(String index) {
        send("DELETE", "/" + index, null, false);
    }

    private JsonNode request(String method, String path, Object body) {
        try {
            return JSON.readTree(send(method, path, body == null ? null : JSON.writeValueAsString(body), true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String send(String method, String path, String body, boolean mustSucceed) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (mustSucceed && response.statusCode() >= 300 && !(response.statusCode() == 404 && path.contains("/_doc/"))) {
                throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
