package uk.gov.london.vru.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.gov.london.vru.common.ApiProblem;
import uk.gov.london.vru.common.FieldError;
import uk.gov.london.vru.common.QueryParams;
import uk.gov.london.vru.security.Roles;

/** The audit trail, oldest first, for administrators. */
@Path("/api/v1/audit")
@RolesAllowed(Roles.ADMIN)
public class AuditResource {

    static final int MAX_LIMIT = 500;

    /** One audit event as served. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventView(long id, Instant occurredAt, String requestId, String actor, String actorOrganisation,
            String actorRole, String action, String targetType, String targetId, JsonNode before, JsonNode after) {
    }

    /** A slice of the trail, and the link to the next one when there may be more. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventPage(List<EventView> items, String next) {
    }

    @Inject
    ObjectMapper mapper;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional(Transactional.TxType.SUPPORTS)
    public EventPage list(@QueryParam("targetType") String targetType, @QueryParam("targetId") String targetId,
            @QueryParam("actor") String actor, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("after") String afterText, @QueryParam("limit") String limitText) {
        List<FieldError> errors = new ArrayList<>();
        Instant fromTime = instant("from", from, errors);
        Instant toTime = instant("to", to, errors);
        Long after = afterText == null ? null : QueryParams.number("after", afterText, 0, Long.MAX_VALUE, errors);
        Long limit = limitText == null ? Long.valueOf(100)
                : QueryParams.number("limit", limitText, 1, MAX_LIMIT, errors);
        int size = limit == null ? 0 : limit.intValue();
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The filters are not valid: see errors.", errors);
        }
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        condition(query, parameters, "targetType", "targetType = :targetType", targetType);
        condition(query, parameters, "targetId", "targetId = :targetId", targetId);
        condition(query, parameters, "actor", "actor = :actor", actor);
        condition(query, parameters, "from", "occurredAt >= :from", fromTime);
        condition(query, parameters, "to", "occurredAt < :to", toTime);
        condition(query, parameters, "after", "id > :after", after);
        List<AuditEvent> events = AuditEvent.<AuditEvent>find(query + " order by id", parameters).page(0, size).list();
        List<EventView> items = events.stream().map(this::view).toList();
        String next = items.size() == size ? nextLink(targetType, targetId, actor, from, to, size,
                items.get(items.size() - 1).id()) : null;
        return new EventPage(items, next);
    }

    private EventView view(AuditEvent event) {
        return new EventView(event.id, event.occurredAt, event.requestId, event.actor, event.actorOrganisation,
                event.actorRole, event.action, event.targetType, event.targetId, tree(event.beforeState),
                tree(event.afterState));
    }

    private JsonNode tree(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored audit state is not JSON", e);
        }
    }

    private static void condition(StringBuilder query, Map<String, Object> parameters, String name, String clause,
            Object value) {
        if (value != null && !(value instanceof String text && text.isBlank())) {
            query.append(" and ").append(clause);
            parameters.put(name, value);
        }
    }

    private static Instant instant(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "invalid-value", "Use an ISO 8601 instant such as 2026-01-31T09:00:00Z."));
            return null;
        }
    }

    private static String nextLink(String targetType, String targetId, String actor, String from, String to, int limit,
            long after) {
        StringBuilder link = new StringBuilder("/api/v1/audit?limit=").append(limit).append("&after=").append(after);
        append(link, "targetType", targetType);
        append(link, "targetId", targetId);
        append(link, "actor", actor);
        append(link, "from", from);
        append(link, "to", to);
        return link.toString();
    }

    private static void append(StringBuilder link, String name, String value) {
        if (value != null && !value.isBlank()) {
            link.append('&').append(name).append('=')
                    .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
