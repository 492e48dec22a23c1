package dev.radiostream.bench.baseline;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The two endpoints the harness reads from every contender, services and baselines alike: GET /status
 * (phase, nextOffsets or filesProcessed, ...) and GET /q/health/ready. JDK's built-in HTTP server, one thread.
 */
public final class StatusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;

    public StatusServer(int port, Supplier<Map<String, Object>> status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "status-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/status", exchange -> reply(exchange, 200, status.get()));
        server.createContext("/q/health/ready", exchange -> {
            boolean up = "RUNNING".equals(status.get().get("phase")) || "COMPLETED".equals(status.get().get("phase"));
            reply(exchange, up ? 200 : 503, Map.of("status", up ? "UP" : "DOWN"));
        });
        server.start();
    }

    private static void reply(HttpExchange exchange, int code, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
