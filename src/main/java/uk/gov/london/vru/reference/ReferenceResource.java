package uk.gov.london.vru.reference;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import uk.gov.london.vru.common.ApiProblem;

/** Reference data programmes use: the London boroughs. Public. */
@Path("/api/v1/reference/boroughs")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ReferenceResource {

    /** The boroughs. */
    public record BoroughList(int count, List<Boroughs.Borough> items) {
    }

    @Inject
    Boroughs boroughs;

    @GET
    public BoroughList list() {
        List<Boroughs.Borough> all = boroughs.all();
        return new BoroughList(all.size(), all);
    }

    @GET
    @Path("{code}")
    public Boroughs.Borough get(@PathParam("code") String code) {
        return boroughs.find(code).orElseThrow(() -> ApiProblem.notFound("There is no London borough " + code + "."));
    }
}
