package uk.gov.london.vru.submission;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.gov.london.vru.common.ApiProblem;
import uk.gov.london.vru.common.FieldError;
import uk.gov.london.vru.common.Idempotency;
import uk.gov.london.vru.security.Roles;

/** Quarterly returns of a programme. */
@Path("/api/v1/programmes/{id}/submissions")
@Produces(MediaType.APPLICATION_JSON)
public class SubmissionResource {

    @Inject
    SubmissionService submissions;

    @Inject
    ImportService imports;

    @Inject
    Idempotency idempotency;

    @Inject
    ObjectMapper mapper;

    @Context
    UriInfo uri;

    @PUT
    @Path("{period}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.PARTNER, Roles.ADMIN })
    public Response save(@PathParam("id") String id, @PathParam("period") String period,
            @Valid @NotNull SubmissionApi.Content body) {
        SubmissionService.Saved saved = submissions.save(id, period, body);
        return Response.status(saved.outcome() == SubmissionService.Outcome.CREATED ? 201 : 200)
                .tag(Integer.toString(saved.submission().revision))
                .entity(submissions.view(saved.submission(), saved.content()))
                .build();
    }

    @GET
    @Path("{period}")
    @RolesAllowed({ Roles.PARTNER, Roles.COMMISSIONER, Roles.ADMIN })
    public Response get(@PathParam("id") String id, @PathParam("period") String period) {
        Submission submission = submissions.get(id, period);
        return Response.ok(submissions.view(submission, submissions.content(submission.id, submission.revision)))
                .tag(Integer.toString(submission.revision)).build();
    }

    @GET
    @Path("{period}/revisions")
    @RolesAllowed({ Roles.PARTNER, Roles.COMMISSIONER, Roles.ADMIN })
    public SubmissionApi.Revisions revisions(@PathParam("id") String id, @PathParam("period") String period) {
        Submission submission = submissions.get(id, period);
        return new SubmissionApi.Revisions(submission.programmeId, submission.period,
                submissions.revisions(submission));
    }

    @POST
    @Path("{period}/submit")
    @RolesAllowed({ Roles.PARTNER, Roles.ADMIN })
    public Response submit(@PathParam("id") String id, @PathParam("period") String period,
            @HeaderParam(Idempotency.HEADER) String key) {
        return act(id, period, "submit", null, key);
    }

    @POST
    @Path("{period}/accept")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.COMMISSIONER, Roles.ADMIN })
    public Response accept(@PathParam("id") String id, @PathParam("period") String period,
            @Valid SubmissionApi.Action body, @HeaderParam(Idempotency.HEADER) String key) {
        return act(id, period, "accept", body, key);
    }

    @POST
    @Path("{period}/return")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.COMMISSIONER, Roles.ADMIN })
    public Response sendBack(@PathParam("id") String id, @PathParam("period") String period,
            @Valid SubmissionApi.Action body, @HeaderParam(Idempotency.HEADER) String key) {
        return act(id, period, "return", body, key);
    }

    private Response act(String id, String period, String action, SubmissionApi.Action body, String key) {
        String request;
        try {
            request = "POST " + uri.getRequestUri() + "\n" + mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return idempotency.run(key, request, () -> {
            Submission submission = submissions.act(id, period, action, body == null ? null : body.reason());
            return Response.ok(submissions.view(submission, null)).tag(Integer.toString(submission.revision)).build();
        });
    }
}
