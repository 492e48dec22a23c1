package dev.radiostream.offsetadmin;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import dev.radiostream.core.health.Messages;
import io.smallrye.common.annotation.Blocking;

/**
 * GET /offsets[?consumer=C&topic=T]: the same rows as {@code list --output json}. 404 for an unknown consumer
 * or topic, 503 when Cassandra or Kafka cannot be asked; the body then is {"error": "..."}.
 */
@Path("/offsets")
@Tag(name = "offsets", description = "The consumers' stored offsets, checked against Kafka")
public class OffsetsResource {

    private static final Logger LOG = Logger.getLogger(OffsetsResource.class);

    private final OffsetService offsets;

    public OffsetsResource(OffsetService offsets) {
        this.offsets = offsets;
    }

    @GET
    @Blocking
    @Operation(summary = "The stored next offsets with Kafka's bounds and the lag, as list --output json")
    @APIResponse(responseCode = "404", description = "Unknown consumer or topic: {\"error\": \"...\"}")
    @APIResponse(responseCode = "503", description = "Cassandra or Kafka cannot be asked: {\"error\": \"...\"}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("consumer") String consumer, @QueryParam("topic") String topic) {
        try {
            List<OffsetRow> rows = offsets.list(ListCommand.blankToNull(consumer), ListCommand.blankToNull(topic));
            return Response.ok(rows).build();
        } catch (BadInputException e) {
            return error(Response.Status.NOT_FOUND, e.getMessage());
        } catch (RuntimeException e) {
            String message = Messages.oneLine(e);
            LOG.warnf("GET /offsets failed: %s", message);
            return error(Response.Status.SERVICE_UNAVAILABLE, message);
        }
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
