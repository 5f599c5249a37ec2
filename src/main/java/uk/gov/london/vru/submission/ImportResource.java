package uk.gov.london.vru.submission;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import uk.gov.london.vru.common.ApiProblem;
import uk.gov.london.vru.common.FieldError;
import uk.gov.london.vru.common.Idempotency;
import uk.gov.london.vru.security.Roles;

/** Bulk import of quarterly returns across programmes and quarters, from JSON or CSV. */
@Path("/api/v1/submissions/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    @Inject
    ImportService imports;

    @Inject
    Idempotency idempotency;

    @Context
    UriInfo uri;

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, "text/csv" })
    @RolesAllowed({ Roles.PARTNER, Roles.ADMIN })
    public Response importRows(String body, @QueryParam("dryRun") String dryRun, @Context HttpHeaders headers,
            @HeaderParam(Idempotency.HEADER) String key) {
        boolean dry = "true".equalsIgnoreCase(dryRun);
        if (dryRun != null && !dry && !"false".equalsIgnoreCase(dryRun)) {
            throw ApiProblem.invalid("dryRun is true or false.", List.of(new FieldError("dryRun", "invalid-value",
                    "Use true or false.")));
        }
        boolean csv = headers.getMediaType() != null && "csv".equals(headers.getMediaType().getSubtype());
        String request = "POST " + uri.getRequestUri() + "\n" + body;
        return idempotency.run(key, request, () -> {
            List<Map<String, String>> rows = csv ? imports.csv(body == null ? "" : body)
                    : imports.json(body == null ? "" : body);
            return Response.ok(imports.run(rows, dry)).build();
        });
    }

}
