package uk.gov.london.vru.framework;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;

import uk.gov.london.vru.common.ApiProblem;
import uk.gov.london.vru.common.FieldError;
import uk.gov.london.vru.common.QueryParams;

/** The change feed and concept history: public, like the releases they describe. */
@Path("/api/v1/framework")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class FrameworkFeedResource {

    static final int MAX_LIMIT = 500;

    /** A slice of the feed and the cursor link for the next one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventPage(List<FrameworkEvents.View> items, String next) {
    }

    @Inject
    FrameworkEvents events;

    @Inject
    ReleaseLifecycle lifecycle;

    @GET
    @Path("events")
    public EventPage events(@QueryParam("after") String afterText, @QueryParam("limit") String limitText) {
        List<FieldError> errors = new ArrayList<>();
        Long after = afterText == null ? Long.valueOf(0) : QueryParams.number("after", afterText, 0, Long.MAX_VALUE, errors);
        Long limit = limitText == null ? Long.valueOf(100) : QueryParams.number("limit", limitText, 1, MAX_LIMIT, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The cursor parameters are not valid: see errors.", errors);
        }
        List<FrameworkEvents.View> items = events.after(after, limit.intValue());
        long cursor = items.isEmpty() ? after : items.get(items.size() - 1).id();
        return new EventPage(items, "/api/v1/framework/events?after=" + cursor + "&limit=" + limit);
    }

    @GET
    @Path("concepts/{code}/history")
    public ReleaseLifecycle.History history(@PathParam("code") String code) {
        return lifecycle.history(code);
    }
}
