package dev.radiostream.offsetadmin.dashboard;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.radiostream.core.health.Messages;
import dev.radiostream.offsetadmin.OffsetRow;
import dev.radiostream.offsetadmin.OffsetService;

/**
 * Looks at the watched services and the consumers' lag every poll interval, while {@code serve} runs, and keeps
 * the last minutes of records per second and lag for the charts. Sampling on the server (rather than in the page)
 * lets a page opened late still show the history, and keeps N open pages from multiplying the requests.
 */
@ApplicationScoped
public class ServiceWatcher {

    private static final Logger LOG = Logger.getLogger(ServiceWatcher.class);

    /** The last look at everything, replaced as a whole (the resources read it without a lock). */
    public record Look(Instant at, List<ServiceTile> tiles, List<OffsetRow> lag, String lagError) {
    }

    private record Sample(Instant at, Map<String, Double> recordsPerSecond, Map<String, Long> lagPerConsumer) {
    }

    private final DashboardSettings settings;
    private final OffsetService offsets;
    private final ObjectMapper json;
    private final HttpClient http;
    /** Guarded by itself: the charts' requests read it while a look may be asking slow servers. */
    private final Deque<Sample> history = new ArrayDeque<>();
    /** Written by the HTTP client's threads, one key per service, as the answers arrive. */
    private final Map<String, long[]> previousTotals = new ConcurrentHashMap<>();
    private volatile Look last;
    private ScheduledExecutorService timer;

    public ServiceWatcher(DashboardSettings settings, OffsetService offsets, ObjectMapper json) {
        this.settings = settings;
        this.offsets = offsets;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
    }

    /** Starts sampling (called by {@code serve}; the one-shot tools never sample). */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "dashboard-watcher");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::lookSafely, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("Dashboard watching %d services every %d ms", settings.services().size(),
                settings.pollInterval().toMillis());
    }

    @PreDestroy
    synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    /** The last look; an empty one before the first (a request never waits for a look). */
    public Look last() {
        Look look = last;
        return look != null ? look : new Look(Instant.now(), List.of(), List.of(), null);
    }

    private void lookSafely() {
        try {
            look();
        } catch (RuntimeException e) {
            // The timer must survive anything: a dead timer would freeze every tile on its last colour.
            LOG.warnf("Dashboard look failed: %s", Messages.oneLine(e));
        }
    }

    /** Runs on the one timer thread only; it holds no lock while it waits for servers (see {@link #history}). */
    private void look() {
        Instant now = Instant.now();
        List<CompletableFuture<ServiceTile>> asked = settings.services().stream().map(s -> tile(s, now)).toList();
        List<ServiceTile> tiles = asked.stream().map(CompletableFuture::join).toList();
        // The tiles first: asking Cassandra and Kafka for the lag may take long (a first connection, a server
        // down), and a stopped service must turn red without waiting for that.
        Look previous = last;
        last = new Look(now, tiles, previous == null ? List.of() : previous.lag(), previous == null ? null : previous.lagError());
        List<OffsetRow> lag = List.of();
        String lagError = null;
        try {
            lag = offsets.list(null, null);
        } catch (RuntimeException e) {
            lagError = Messages.oneLine(e);
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        tiles.forEach(t -> rates.put(t.name(), t.recordsPerSecond()));
        Map<String, Long> lagPerConsumer = new TreeMap<>();
        for (OffsetRow row : lag) {
            if (row.lag() != null) {
                lagPerConsumer.merge(row.consumer(), row.lag(), Long::sum);
            }
        }
        synchronized (history) {
            history.addLast(new Sample(now, rates, lagError == null ? lagPerConsumer : Map.of()));
            while (!history.isEmpty() && history.peekFirst().at().isBefore(now.minus(settings.history()))) {
                history.removeFirst();
            }
        }
        last = new Look(now, tiles, lag, lagError);
    }

    /** Records per second of each service over the kept history (a gap where a service did not answer). */
    public List<Series> rates() {
        Map<String, Series> series = new LinkedHashMap<>();
        for (Sample sample : samples()) {
            sample.recordsPerSecond().forEach((name, rate) -> {
                if (rate != null) {
                    series.computeIfAbsent(name, n -> new Series(n, new ArrayList<>()))
                            .points().add(new double[] { sample.at().toEpochMilli(), rate });
                }
            });
        }
        return List.copyOf(series.values());
    }

    /** Total lag of each consumer (sum over its partitions) over the kept history. */
    public List<Series> lagHistory() {
        Map<String, Series> series = new TreeMap<>();
        for (Sample sample : samples()) {
            sample.lagPerConsumer().forEach((consumer, lag) -> series.computeIfAbsent(consumer,
                    n -> new Series(n, new ArrayList<>())).points().add(new double[] { sample.at().toEpochMilli(), lag }));
        }
        return List.copyOf(series.values());
    }

    private List<Sample> samples() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    private CompletableFuture<ServiceTile> tile(WatchedService service, Instant now) {
        CompletableFuture<HttpResponse<String>> health = get(service, "/q/health/ready");
        CompletableFuture<HttpResponse<String>> status = get(service, "/status");
        return health.handle((h, error) -> h != null ? h : null).thenCombine(
                status.handle((s, error) -> s != null && s.statusCode() == 200 ? s : null), (h, s) -> {
                    if (h == null) {
                        previousTotals.remove(service.name());
                        return new ServiceTile(service.name(), service.baseUrl().toString(), ServiceTile.UNREACHABLE,
                                "no answer: " + whyNot(health), null, null, null, null, null, now);
                    }
                    JsonNode healthBody = parse(h.body());
                    boolean up = h.statusCode() == 200 && "UP".equals(healthBody.path("status").asText());
                    JsonNode statusBody = s == null ? null : parse(s.body());
                    Long total = statusBody == null || !statusBody.has("totalInputRows") ? null
                            : statusBody.path("totalInputRows").asLong();
                    return new ServiceTile(service.name(), service.baseUrl().toString(),
                            up ? ServiceTile.UP : ServiceTile.DOWN, up ? null : downChecks(healthBody, statusBody),
                            statusBody == null ? null : textOrNull(statusBody.path("phase")),
                            statusBody == null || !statusBody.has("restarts") ? null : statusBody.path("restarts").asLong(),
                            total, rate(service.name(), total, now),
                            statusBody == null ? null : textOrNull(statusBody.path("sparkUi")), now);
                });
    }

    /** Records per second since the previous look, from the growth of the query's total input rows. */
    private Double rate(String name, Long total, Instant now) {
        if (total == null) {
            return null;
        }
        long[] previous = previousTotals.put(name, new long[] { total, now.toEpochMilli() });
        if (previous == null || total < previous[0] || now.toEpochMilli() <= previous[1]) {
            return previous == null ? null : 0.0; // first look, or the service restarted and counts from 0 again
        }
        return (total - previous[0]) * 1000.0 / (now.toEpochMilli() - previous[1]);
    }

    private CompletableFuture<HttpResponse<String>> get(WatchedService service, String path) {
        HttpRequest request = HttpRequest.newBuilder(service.resolve(path)).timeout(settings.requestTimeout()).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String whyNot(CompletableFuture<HttpResponse<String>> failed) {
        try {
            failed.join();
            return "?";
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof HttpTimeoutException) {
                return "timed out";
            }
            return Messages.oneLine(cause);
        }
    }

    /** The DOWN checks of a readiness answer, e.g. "cassandra: DOWN 127.0.0.1:9042 ...", else the query's reason. */
    private static String downChecks(JsonNode health, JsonNode status) {
        List<String> down = new ArrayList<>();
        for (JsonNode check : health.path("checks")) {
            if (!"UP".equals(check.path("status").asText())) {
                StringBuilder text = new StringBuilder(check.path("name").asText("?"));
                check.path("data").fields().forEachRemaining(f -> text.append(' ').append(f.getValue().asText()));
                down.add(text.toString());
            }
        }
        if (!down.isEmpty()) {
            return String.join("; ", down);
        }
        String reason = status == null ? null : textOrNull(status.path("reason"));
        return reason != null ? reason : "not ready";
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
