package uk.gov.london.vru.security;

import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.security.Authenticated;

/** Who the token says the caller is: for portals to check their set-up. */
@Path("/api/v1/me")
@Authenticated
public class MeResource {

    /** The caller as the service sees it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Me(String subject, List<String> roles, String organisation) {
    }

    @Inject
    Caller caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Me me() {
        List<String> roles = Stream.of(Roles.PRECEDENCE).filter(caller::hasRole).toList();
        return new Me(caller.subject(), roles, caller.organisation().orElse(null));
    }
}
