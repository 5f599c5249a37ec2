package uk.gov.london.vru.framework;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import uk.gov.london.vru.common.Preconditions;
import uk.gov.london.vru.security.Roles;

/** Drafts of the next framework edition, for framework editors. */
@Path(DraftResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.FRAMEWORK_EDITOR)
public class DraftResource {

    public static final String PATH = "/api/v1/framework/drafts";

    @Inject
    DraftService drafts;

    @Context
    HttpHeaders headers;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull DraftApi.Create body) {
        FrameworkDraft draft = drafts.create(body);
        return Response.created(URI.create(PATH + "/" + draft.id)).tag(Preconditions.tag(draft.version))
                .entity(view(draft)).build();
    }

    @GET
    public DraftApi.ListBody list() {
        return new DraftApi.ListBody(drafts.list().stream().map(DraftService::summary).toList());
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        FrameworkDraft draft = drafts.get(id);
        return Response.ok(view(draft)).tag(Preconditions.tag(draft.version)).build();
    }

    @POST
    @Path("{id}/changes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response change(@PathParam("id") String id, @Valid @NotNull DraftApi.Changes body) {
        FrameworkDraft draft = drafts.change(id, Preconditions.expectedVersion(headers), body.changes());
        return Response.ok(view(draft)).tag(Preconditions.tag(draft.version)).build();
    }

    @POST
    @Path("{id}/publish")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response publish(@PathParam("id") String id, @Valid @NotNull DraftApi.Publish body) {
        DraftApi.PublishResult result = drafts.publish(id, body);
        return result.dryRun() ? Response.ok(result).build()
                : Response.created(URI.create(result.release().href())).entity(result).build();
    }

    private static DraftApi.View view(FrameworkDraft draft) {
        return DraftApi.View.of(draft, ReleaseDocuments.readJson(draft.document));
    }
}
