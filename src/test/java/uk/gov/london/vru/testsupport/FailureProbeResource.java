package uk.gov.london.vru.testsupport;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Test-only endpoints that fail in the ways no public endpoint can be made to fail on purpose (an unexpected
 * exception) or that take a body before any public endpoint does, so the one error mapper is tested for them too.
 * It lives in the test sources: the packaged service does not contain it.
 */
@Path("/test-probe")
@PermitAll
public class FailureProbeResource {

    /** A write payload with one property. */
    public record Payload(String name) {
    }

    @GET
    @Path("boom")
    public String boom() {
        throw new IllegalStateException("secret internal detail at com.example.Secret");
    }

    @POST
    @Path("echo")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Payload echo(Payload payload) {
        return payload;
    }
}
