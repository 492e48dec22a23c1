package dev.radiostream.offsetadmin.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import dev.radiostream.core.health.Messages;
import dev.radiostream.offsetadmin.OffsetRow;
import io.smallrye.common.annotation.Blocking;

/**
 * The JSON the dashboard page (/, META-INF/resources/index.html) polls. Read-only. Each panel has its own
 * endpoint, so a server that is down blanks its own panel only: the answer is then {"error": "..."}, with 200
 * (the dashboard itself works; a 5xx would also be an error in the browser's console on every poll).
 */
@Path("/dashboard")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "dashboard", description = "The data of the dashboard at /, read-only. A panel whose server cannot be "
        + "asked answers {\"error\": \"...\"} instead of its data.")
public class DashboardResource {

    private static final Logger LOG = Logger.getLogger(DashboardResource.class);

    private final ServiceWatcher watcher;
    private final StoreViews stores;
    private final DashboardSettings settings;

    public DashboardResource(ServiceWatcher watcher, StoreViews stores, DashboardSettings settings) {
        this.watcher = watcher;
        this.stores = stores;
        this.settings = settings;
    }

    /** Each watched service's tile: UP, DOWN (with the reason) or UNREACHABLE, its phase and rate. */
    @GET
    @Path("/services")
    @Operation(summary = "Each watched service's tile: UP, DOWN with the reason, or UNREACHABLE; phase, records per second, Spark UI")
    public Map<String, Object> services() {
        ServiceWatcher.Look look = watcher.last();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("at", look.at().toString());
        body.put("pollIntervalMs", settings.pollInterval().toMillis());
        body.put("services", look.tiles());
        return body;
    }

    /** Lag per consumer and partition now (from the stored offsets and Kafka's end offsets), and each consumer's total over time. */
    @GET
    @Path("/lag")
    @Operation(summary = "Lag per consumer and partition now, and each consumer's total lag over the last minutes")
    public Response lag() {
        ServiceWatcher.Look look = watcher.last();
        if (look.lagError() != null) {
            return error(look.lagError());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("at", look.at().toString());
        body.put("partitions", look.lag());
        body.put("history", watcher.lagHistory());
        return Response.ok(body).build();
    }

    /** Records per second of each service's query over the last minutes. */
    @GET
    @Path("/rates")
    @Operation(summary = "Records per second of each service's query over the last minutes")
    public Map<String, Object> rates() {
        return Map.of("history", watcher.rates());
    }

    /** The songs with the highest totals per radio in Cassandra. */
    @GET
    @Path("/top-songs")
    @Operation(summary = "The songs with the highest totals per radio in the Cassandra song counts table")
    public Response topSongs() {
        return answer("top songs", () -> Map.of("table", settings.songCountsTable(), "radios", stores.topSongs()));
    }

    /** Plays per radio and day in Elasticsearch. */
    @GET
    @Path("/plays-per-day")
    @Operation(summary = "Plays per radio and day (UTC) in the Elasticsearch plays index, one series per radio")
    public Response playsPerDay() {
        return answer("plays per day", () -> Map.of("index", settings.playsIndex(), "radios", stores.playsPerDay()));
    }

    /** Dead letters of the consumers that have stored offsets: counts per reason and the latest ones. */
    @GET
    @Path("/dead-letters")
    @Operation(summary = "Dead letters of the consumers with stored offsets: counts per reason and the latest ones")
    public Response deadLetters() {
        return answer("dead letters", () -> {
            Set<String> consumers = new TreeSet<>();
            watcher.last().lag().stream().map(OffsetRow::consumer).forEach(consumers::add);
            return stores.deadLetters(consumers);
        });
    }

    private static Response answer(String what, Callable<Object> body) {
        try {
            return Response.ok(body.call()).build();
        } catch (Exception e) {
            String message = Messages.oneLine(e);
            LOG.debugf("Dashboard %s failed: %s", what, message);
            return error(message);
        }
    }

    private static Response error(String message) {
        return Response.ok(Map.of("error", message)).type(MediaType.APPLICATION_JSON).build();
    }
}
