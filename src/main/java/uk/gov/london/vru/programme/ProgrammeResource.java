package uk.gov.london.vru.programme;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;


import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import uk.gov.london.vru.common.ApiProblem;
import uk.gov.london.vru.common.FieldError;
import uk.gov.london.vru.common.Page;
import uk.gov.london.vru.common.Preconditions;
import uk.gov.london.vru.common.QueryParams;
import uk.gov.london.vru.security.Roles;

/** Programme registrations: partners register and submit; commissioners approve, return, activate and close. */
@Path(ProgrammeResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class ProgrammeResource {

    public static final String PATH = "/api/v1/programmes";

    @Inject
    ProgrammeService programmes;

    @Context
    HttpHeaders headers;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.PARTNER, Roles.ADMIN })
    public Response create(@Valid @NotNull ProgrammeApi.Registration body) {
        Programme programme = programmes.create(body);
        return Response.created(URI.create(PATH + "/" + programme.id)).tag(Preconditions.tag(programme.version))
                .entity(programmes.view(programme)).build();
    }

    @GET
    @RolesAllowed({ Roles.PARTNER, Roles.COMMISSIONER, Roles.ADMIN })
    public Page<ProgrammeApi.View> list(@QueryParam("organisation") String organisation,
            @QueryParam("priorityArea") String priorityArea, @QueryParam("outcome") String outcome,
            @QueryParam("borough") String borough, @QueryParam("status") String status,
            @QueryParam("release") String release, @QueryParam("page") String pageText,
            @QueryParam("size") String sizeText, @Context UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        QueryParams.Paging paging = QueryParams.paging(pageText, sizeText, errors);
        if (status != null && java.util.Arrays.stream(ProgrammeStatus.values()).noneMatch(s -> s.code().equals(status))) {
            errors.add(new FieldError("status", "invalid-value", "status is one of draft, submitted, returned, "
                    + "approved, active, closed."));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The list parameters are not valid: see errors.", errors);
        }
        ProgrammeService.Filter filter = new ProgrammeService.Filter(organisation, priorityArea, outcome, borough,
                status, release);
        List<ProgrammeApi.View> items = programmes.list(filter, paging.page(), paging.size()).stream()
                .map(programmes::view).toList();
        String query = uri.getQueryParameters().entrySet().stream()
                .filter(e -> !e.getKey().equals("page") && !e.getKey().equals("size"))
                .flatMap(e -> e.getValue().stream().map(v -> e.getKey() + "="
                        + java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)))
                .sorted().reduce((a, b) -> a + "&" + b).orElse("");
        return Page.of(items, paging.page(), paging.size(), programmes.count(filter), PATH, query);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.PARTNER, Roles.COMMISSIONER, Roles.ADMIN })
    public Response get(@PathParam("id") String id) {
        Programme programme = programmes.get(id);
        return Response.ok(programmes.view(programme)).tag(Preconditions.tag(programme.version)).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.PARTNER, Roles.ADMIN })
    public Response update(@PathParam("id") String id, @Valid @NotNull ProgrammeApi.Registration body) {
        Programme programme = programmes.update(id, Preconditions.expectedVersion(headers), body);
        return Response.ok(programmes.view(programme)).tag(Preconditions.tag(programme.version)).build();
    }

    @POST
    @Path("{id}/submit")
    @RolesAllowed({ Roles.PARTNER, Roles.ADMIN })
    public Response submit(@PathParam("id") String id) {
        return act(id, ProgrammeStatus.Action.SUBMIT, null);
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.COMMISSIONER, Roles.ADMIN })
    public Response approve(@PathParam("id") String id, @Valid ProgrammeApi.Action body) {
        return act(id, ProgrammeStatus.Action.APPROVE, body);
    }

    @POST
    @Path("{id}/return")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.COMMISSIONER, Roles.ADMIN })
    public Response sendBack(@PathParam("id") String id, @Valid ProgrammeApi.Action body) {
        return act(id, ProgrammeStatus.Action.RETURN, body);
    }

    @POST
    @Path("{id}/activate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.COMMISSIONER, Roles.ADMIN })
    public Response activate(@PathParam("id") String id, @Valid ProgrammeApi.Action body) {
        return act(id, ProgrammeStatus.Action.ACTIVATE, body);
    }

    @POST
    @Path("{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.COMMISSIONER, Roles.ADMIN })
    public Response close(@PathParam("id") String id, @Valid ProgrammeApi.Action body) {
        return act(id, ProgrammeStatus.Action.CLOSE, body);
    }

    @GET
    @Path("{id}/migration")
    @RolesAllowed({ Roles.PARTNER, Roles.COMMISSIONER, Roles.ADMIN })
    public ProgrammeApi.MigrationPreview preview(@PathParam("id") String id, @QueryParam("to") String to) {
        return programmes.preview(id, to);
    }

    @POST
    @Path("{id}/migration")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.PARTNER, Roles.ADMIN })
    public Response migrate(@PathParam("id") String id, @Valid @NotNull ProgrammeApi.Migration body) {
        Programme programme = programmes.migrate(id, Preconditions.expectedVersion(headers), body);
        return Response.ok(programmes.view(programme)).tag(Preconditions.tag(programme.version)).build();
    }

    private Response act(String id, ProgrammeStatus.Action action, ProgrammeApi.Action body) {
        Programme programme = programmes.act(id, action, body == null ? null : body.reason());
        return Response.ok(programmes.view(programme)).tag(Preconditions.tag(programme.version)).build();
    }

}
