package dev.radiostream.spark.query;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** GET /status: the query's state, its last progress and the service's own figures, as JSON. */
@Path("/status")
@Tag(name = "status", description = "The streaming query of this service")
public class StatusResource {

    private final QueryLifecycle lifecycle;

    public StatusResource(QueryLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @GET
    @Operation(summary = "Phase, restarts, input rows, the last progress (batch, rows, rows/s, source offsets), "
            + "the service's own figures and its Spark UI's address")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> status() {
        return lifecycle.status();
    }
}
