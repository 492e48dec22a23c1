package dev.radiostream.core.elasticsearch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.radiostream.core.secrets.TrustStores;

/**
 * A service's own requests to Elasticsearch over java.net.http, with the settings' trust store and credentials on
 * every request (the Spark connector has its own client).
 */
public final class ElasticsearchClient {

    private final ElasticsearchSettings settings;
    private final HttpClient client;

    public ElasticsearchClient(ElasticsearchSettings settings) {
        this.settings = settings;
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(settings.probeTimeout());
        settings.truststorePath().ifPresent(path ->
                client.sslContext(TrustStores.sslContext(Path.of(path), settings.truststorePassword().orElse(null))));
        this.client = client.build();
    }

    public String address() {
        return settings.url().toString();
    }

    /** A request to {@code path} (starting with /) of the configured URL, with the request timeout. */
    public HttpRequest.Builder request(String path) {
        String base = settings.url().toString().replaceFirst("/+$", "");
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(settings.requestTimeout());
    }

    /** Sends the request with the credentials; an unanswered request fails with a message naming the server. */
    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        settings.authorization().ifPresent(value -> request.header("Authorization", value));
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // java.net.http's exceptions often carry no message (a bare ConnectException): say what failed.
            throw new IOException("Elasticsearch at " + address() + " did not answer (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }
}
