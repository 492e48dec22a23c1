package dev.radiostream.spark.query;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** GET /status: the query's state, its last progress and the service's own figures, as JSON. */
@Path("/status")
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
