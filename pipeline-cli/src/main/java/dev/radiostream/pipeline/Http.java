package dev.radiostream.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Small JSON-over-HTTP helper for the services' endpoints and Elasticsearch (also used by the benchmarks). */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Http() {
    }

    /** The JSON body, whatever the status code (health answers 503 with a body); empty when nobody answers. */
    public static Optional<JsonNode> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    public static Optional<JsonNode> post(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** POST without a body (e.g. Elasticsearch's _refresh, which refuses one). */
    public static Optional<JsonNode> post(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public static int delete(String url) {
        try {
            return exchange(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).DELETE().build()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Requests to URLs under {@code baseUrl} (a secured Elasticsearch) go with its Authorization header and trust its
     * certificate authority; every other request as before.
     */
    public static void secure(String baseUrl, ClientSecurity security) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .sslContext(security.elasticsearchSsl()).build();
        SECURED.put(baseUrl, new Secured(client, security.elasticsearchAuthorization()));
    }

    private record Secured(HttpClient client, Optional<String> authorization) {
    }

    private static final Map<String, Secured> SECURED = new ConcurrentHashMap<>();

    private static HttpResponse<String> exchange(HttpRequest request) throws IOException, InterruptedException {
        String url = request.uri().toString();
        for (Map.Entry<String, Secured> secured : SECURED.entrySet()) {
            if (url.startsWith(secured.getKey())) {
                HttpRequest.Builder copy = HttpRequest.newBuilder(request, (name, value) -> true);
                secured.getValue().authorization().ifPresent(value -> copy.header("Authorization", value));
                return secured.getValue().client().send(copy.build(), HttpResponse.BodyHandlers.ofString());
            }
        }
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<JsonNode> send(HttpRequest request) {
        try {
            HttpResponse<String> response = exchange(request);
            return Optional.of(JSON.readTree(response.body()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
