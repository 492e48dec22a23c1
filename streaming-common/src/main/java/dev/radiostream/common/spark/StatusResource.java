package dev.radiostream.common.spark;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.arc.properties.UnlessBuildProperty;

/**
 * GET /status: the query's state, its last progress and the service's own figures, as JSON.
 * Services without a streaming query (offset-admin) switch it off with streaming.status-endpoint.enabled=false.
 */
@Path("/status")
@UnlessBuildProperty(name = "streaming.status-endpoint.enabled", stringValue = "false", enableIfMissing = true)
public class StatusResource {

    private final QueryLifecycle lifecycle;

    public StatusResource(QueryLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> status() {
        return lifecycle.status();
    }
}
