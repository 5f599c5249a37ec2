package uk.gov.london.vru.organisation;

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

import uk.gov.london.vru.common.ApiProblem;
import uk.gov.london.vru.common.FieldError;
import uk.gov.london.vru.common.Page;
import uk.gov.london.vru.common.Preconditions;
import uk.gov.london.vru.common.QueryParams;
import uk.gov.london.vru.security.Roles;

/** Organisations: delivery partners and commissioners. */
@Path(OrganisationResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class OrganisationResource {

    public static final String PATH = "/api/v1/organisations";

    @Inject
    OrganisationService organisations;

    @Context
    HttpHeaders headers;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response create(@Valid @NotNull OrganisationApi.Create body) {
        Organisation organisation = organisations.create(body);
        return Response.created(URI.create(PATH + "/" + organisation.id))
                .tag(Preconditions.tag(organisation.version))
                .entity(OrganisationApi.View.of(organisation)).build();
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.COMMISSIONER, Roles.PARTNER })
    public Page<OrganisationApi.View> list(@QueryParam("page") String pageText, @QueryParam("size") String sizeText) {
        List<FieldError> errors = new ArrayList<>();
        QueryParams.Paging paging = QueryParams.paging(pageText, sizeText, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The paging parameters are not valid: see errors.", errors);
        }
        List<OrganisationApi.View> items = organisations.list(paging.page(), paging.size()).stream()
                .map(OrganisationApi.View::of).toList();
        return Page.of(items, paging.page(), paging.size(), organisations.count(), PATH, "");
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.COMMISSIONER, Roles.PARTNER })
    public Response get(@PathParam("id") String id) {
        Organisation organisation = organisations.get(id);
        return Response.ok(OrganisationApi.View.of(organisation)).tag(Preconditions.tag(organisation.version)).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.PARTNER })
    public Response update(@PathParam("id") String id, @Valid @NotNull OrganisationApi.Update body) {
        Organisation organisation = organisations.update(id, Preconditions.expectedVersion(headers), body);
        return Response.ok(OrganisationApi.View.of(organisation)).tag(Preconditions.tag(organisation.version)).build();
    }
}
