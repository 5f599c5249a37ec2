package uk.gov.london.vru.audit;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import uk.gov.london.vru.common.RequestIds;
import uk.gov.london.vru.common.Times;
import uk.gov.london.vru.security.Caller;

/**
 * Appends an audit event for a write, inside the write's own transaction: the event and the change commit or roll
 * back together. Before and after are the API representations, never entities.
 */
@ApplicationScoped
public class AuditLog {

    @Inject
    Caller caller;

    @Inject
    ObjectMapper mapper;

    @Inject
    CurrentVertxRequest request;

    /** Records {@code action} on a target; {@code before} is null for a creation, {@code after} for a removal. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, String targetType, String targetId, Object before, Object after) {
        AuditEvent event = new AuditEvent();
        event.occurredAt = Times.now();
        event.requestId = request.getCurrent() == null ? null
                : request.getCurrent().request().getHeader(RequestIds.HEADER);
        event.actor = caller.subject();
        event.actorOrganisation = caller.organisation().orElse(null);
        event.actorRole = caller.role();
        event.action = action;
        event.targetType = targetType;
        event.targetId = targetId;
        event.beforeState = json(before);
        event.afterState = json(after);
        event.persist();
    }

    private String json(Object state) {
        try {
            return state == null ? null : mapper.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Audit state cannot be written", e);
        }
    }
}
