package uk.gov.london.vru.framework;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import uk.gov.london.vru.common.ApiProblem;

/** Published framework releases, readable by anyone. The contract is {@code openapi/openapi.yaml}. */
@Path(ReleaseResource.PATH)
@PermitAll
public class ReleaseResource {

    public static final String PATH = "/api/v1/framework/releases";
    static final String CSV = "text/csv";

    @Inject
    ReleaseService releases;

    @Inject
    Representations representations;

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
    @Produces(MediaType.APPLICATION_JSON)
    public Response release(@PathParam("version") String version) {
        ReleaseService.Resolved release = releases.resolve(version);
        Response.ResponseBuilder response = representations.bytes(request, release.content().json(),
                MediaType.APPLICATION_JSON, Representations.cachingFor(release), release.summary().contentHash())
                ;
        return located(response, release, "").build();
    }

    @GET
    @Path("{version}/outcomes")
    @Produces(MediaType.APPLICATION_JSON)
    public Response outcomes(@PathParam("version") String version, @QueryParam("priorityArea") String priorityArea,
            @QueryParam("level") String level, @QueryParam("highLevelOutcome") String highLevelOutcome,
            @QueryParam("q") String text) {
        ReleaseService.Resolved release = releases.resolve(version);
        List<OutcomeView> outcomes = releases.outcomes(release.content(), priorityArea, level, highLevelOutcome, text);
        return concept(release, "/outcomes", ItemList.of(release.summary().version(), outcomes));
    }

    @GET
    @Path("{version}/outcomes")
    @Produces(CSV)
    public Response outcomesCsv(@PathParam("version") String version, @QueryParam("priorityArea") String priorityArea,
            @QueryParam("level") String level, @QueryParam("highLevelOutcome") String highLevelOutcome,
            @QueryParam("q") String text) {
        ReleaseService.Resolved release = releases.resolve(version);
        List<OutcomeView> outcomes = releases.outcomes(release.content(), priorityArea, level, highLevelOutcome, text);
        Response.ResponseBuilder response = representations.bytes(request, OutcomeCsv.write(outcomes),
                CSV + "; charset=UTF-8", Representations.cachingFor(release), null)
                .header("Content-Disposition",
                        "attachment; filename=\"vru-outcomes-" + release.summary().version() + ".csv\"");
        return located(response, release, "/outcomes").build();
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
        return located(response, release, subPath).build();
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
