package uk.gov.london.vru.framework;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.UriInfo;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import uk.gov.london.vru.common.ApiProblem;
import uk.gov.london.vru.security.Roles;

/** Published framework releases, readable by anyone. The contract is {@code openapi/openapi.yaml}. */
@Path(ReleaseResource.PATH)
@PermitAll
public class ReleaseResource {

    public static final String PATH = "/api/v1/framework/releases";
    static final String CSV = "text/csv";
    static final String TURTLE = "text/turtle";
    static final String JSON_LD = "application/ld+json";
    static final MediaType CSV_TYPE = MediaType.valueOf(CSV);
    static final MediaType TURTLE_TYPE = MediaType.valueOf(TURTLE);
    static final MediaType JSON_LD_TYPE = MediaType.valueOf(JSON_LD);

    @Inject
    ReleaseService releases;

    @Inject
    Representations representations;

    @Inject
    ReleaseLifecycle lifecycleService;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    @Context
    Request request;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        return representations.json(request, new ReleaseListBody(releases.list()), Representations.Caching.REVALIDATE)
                .build();
    }

    @GET
    @Path("{version}")
    @Produces({ MediaType.APPLICATION_JSON, TURTLE, JSON_LD })
    public Response release(@PathParam("version") String version, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding) {
        MediaType type = negotiate(MediaType.APPLICATION_JSON_TYPE, TURTLE_TYPE, JSON_LD_TYPE);
        ReleaseService.Resolved release = releases.resolve(version);
        metrics.counter("vru.releases.served", "version", release.summary().version(), "format", type.getSubtype())
                .increment();
        PreparedBytes prepared;
        String mediaType;
        if (type.equals(MediaType.APPLICATION_JSON_TYPE)) {
            prepared = release.content().json();
            mediaType = MediaType.APPLICATION_JSON;
        } else {
            String base = uri.getBaseUriBuilder().path(release.summary().href()).build().toString();
            prepared = release.content().skos(base, type.equals(TURTLE_TYPE)
                    ? org.eclipse.rdf4j.rio.RDFFormat.TURTLE : org.eclipse.rdf4j.rio.RDFFormat.JSONLD);
            mediaType = type + "; charset=UTF-8";
        }
        Response.ResponseBuilder response = representations.prepared(request, acceptEncoding, prepared, mediaType,
                Representations.cachingFor(release));
        return lifecycle(located(response, release, ""), release).build();
    }

    @GET
    @Path("{from}/diff/{to}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response diff(@PathParam("from") String from, @PathParam("to") String to) {
        ReleaseService.Resolved a = releases.resolve(from);
        ReleaseService.Resolved b = releases.resolve(to);
        ReleaseDiff.Diff diff = ReleaseDiff.between(a.summary().version(), a.content().document(),
                b.summary().version(), b.content().document());
        Representations.Caching caching = Representations.cachingFor(a) == Representations.Caching.IMMUTABLE
                && Representations.cachingFor(b) == Representations.Caching.IMMUTABLE
                        ? Representations.Caching.IMMUTABLE : Representations.Caching.REVALIDATE;
        return representations.json(request, diff, caching).build();
    }

    @POST
    @Path("{version}/deprecate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FRAMEWORK_EDITOR)
    public ReleaseSummary deprecate(@PathParam("version") String version, @Valid DraftApi.StatusChange body) {
        return lifecycleService.deprecate(version, body);
    }

    @POST
    @Path("{version}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FRAMEWORK_EDITOR)
    public ReleaseSummary withdraw(@PathParam("version") String version, @Valid @NotNull DraftApi.StatusChange body) {
        return lifecycleService.withdraw(version, body);
    }

    @GET
    @Path("{version}/outcomes")
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    public Response outcomes(@PathParam("version") String version, @QueryParam("priorityArea") String priorityArea,
            @QueryParam("level") String level, @QueryParam("highLevelOutcome") String highLevelOutcome,
            @QueryParam("q") String text) {
        MediaType type = negotiate(MediaType.APPLICATION_JSON_TYPE, CSV_TYPE);
        ReleaseService.Resolved release = releases.resolve(version);
        List<OutcomeView> outcomes = releases.outcomes(release.content(), priorityArea, level, highLevelOutcome, text);
        if (type.equals(MediaType.APPLICATION_JSON_TYPE)) {
            return concept(release, "/outcomes", ItemList.of(release.summary().version(), outcomes));
        }
        Response.ResponseBuilder response = representations.bytes(request, OutcomeCsv.write(outcomes),
                CSV + "; charset=UTF-8", Representations.cachingFor(release), null)
                .header("Content-Disposition",
                        "attachment; filename=\"vru-outcomes-" + release.summary().version() + ".csv\"");
        return lifecycle(located(response, release, "/outcomes"), release).build();
    }

    @GET
    @Path("{version}/outcomes/{code}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response outcome(@PathParam("version") String version, @PathParam("code") String code) {
        ReleaseService.Resolved release = releases.resolve(version);
        OutcomeView outcome = release.content().outcome(code).orElseThrow(() -> missing(release, "programme outcome", code));
        return concept(release, "/outcomes/" + code, outcome);
    }

    @GET
    @Path("{version}/priority-areas")
    @Produces(MediaType.APPLICATION_JSON)
    public Response priorityAreas(@PathParam("version") String version) {
        ReleaseService.Resolved release = releases.resolve(version);
        return concept(release, "/priority-areas",
                ItemList.of(release.summary().version(), release.content().priorityAreas()));
    }

    @GET
    @Path("{version}/priority-areas/{code}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response priorityArea(@PathParam("version") String version, @PathParam("code") String code) {
        ReleaseService.Resolved release = releases.resolve(version);
        return concept(release, "/priority-areas/" + code,
                release.content().priorityArea(code).orElseThrow(() -> missing(release, "priority area", code)));
    }

    @GET
    @Path("{version}/measures")
    @Produces(MediaType.APPLICATION_JSON)
    public Response measures(@PathParam("version") String version) {
        ReleaseService.Resolved release = releases.resolve(version);
        return concept(release, "/measures", ItemList.of(release.summary().version(), release.content().measures()));
    }

    @GET
    @Path("{version}/measures/{code}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response measure(@PathParam("version") String version, @PathParam("code") String code) {
        ReleaseService.Resolved release = releases.resolve(version);
        return concept(release, "/measures/" + code,
                release.content().measure(code).orElseThrow(() -> missing(release, "measure", code)));
    }

    private Response concept(ReleaseService.Resolved release, String subPath, Object body) {
        Response.ResponseBuilder response = representations.json(request, body,
                Representations.cachingFor(release));
        return lifecycle(located(response, release, subPath), release).build();
    }

    /**
     * A deprecated or withdrawn release says so (RFC 9745 {@code Deprecation}, with the time of the change) and
     * links to its successor ({@code rel="successor-version"}).
     */
    private static Response.ResponseBuilder lifecycle(Response.ResponseBuilder response,
            ReleaseService.Resolved release) {
        ReleaseSummary summary = release.summary();
        if (summary.status() == ReleaseStatus.DEPRECATED || summary.status() == ReleaseStatus.WITHDRAWN) {
            response.header("Deprecation", "@" + (summary.statusChangedAt() == null ? 0
                    : summary.statusChangedAt().getEpochSecond()));
            if (summary.successor() != null) {
                response.header("Link", "<" + PATH + "/" + summary.successor() + ">; rel=\"successor-version\"");
            }
        }
        return response;
    }

    /** The best of the offered media types for the request's Accept header (the first on a tie), or 406. */
    private MediaType negotiate(MediaType... offered) {
        jakarta.ws.rs.core.Variant variant = request.selectVariant(
                jakarta.ws.rs.core.Variant.mediaTypes(offered).build());
        if (variant == null) {
            throw new jakarta.ws.rs.NotAcceptableException();
        }
        return variant.getMediaType();
    }

    /** A representation reached through {@code latest} names the versioned URL it came from. */
    private static Response.ResponseBuilder located(Response.ResponseBuilder response, ReleaseService.Resolved release,
            String subPath) {
        return release.viaLatest() ? response.header("Content-Location", release.summary().href() + subPath) : response;
    }

    private static ApiProblem missing(ReleaseService.Resolved release, String what, String code) {
        return ApiProblem.notFound("Release " + release.summary().version() + " has no " + what + " '" + code + "'.");
    }

    /** The body of the release list. */
    public record ReleaseListBody(List<ReleaseSummary> items) {
    }
}
