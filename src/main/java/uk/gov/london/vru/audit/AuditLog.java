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

    @Inject
    jakarta.persistence.EntityManager entityManager;

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

    /** One write to record. */
    public record Entry(String action, String targetType, String targetId, Object before, Object after) {
    }

    /** Records many writes at once (bulk operations), in the caller's transaction, by one JDBC batch. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(java.util.List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        String requestId = request.getCurrent() == null ? null
                : request.getCurrent().request().getHeader(RequestIds.HEADER);
        String actor = caller.subject();
        String organisation = caller.organisation().orElse(null);
        String role = caller.role();
        java.sql.Timestamp now = java.sql.Timestamp.from(Times.now());
        java.util.List<String[]> states = entries.stream().map(e -> new String[] { json(e.before()), json(e.after()) })
                .toList();
        entityManager.unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_event "
                    + "(occurred_at, request_id, actor, actor_organisation, actor_role, action, target_type, target_id, "
                    + "before_state, after_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < entries.size(); i++) {
                    Entry entry = entries.get(i);
                    insert.setTimestamp(1, now);
                    insert.setString(2, requestId);
                    insert.setString(3, actor);
                    insert.setString(4, organisation);
                    insert.setString(5, role);
                    insert.setString(6, entry.action());
                    insert.setString(7, entry.targetType());
                    insert.setString(8, entry.targetId());
                    insert.setString(9, states.get(i)[0]);
                    insert.setString(10, states.get(i)[1]);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    private String json(Object state) {
        try {
            return state == null ? null : mapper.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Audit state cannot be written", e);
        }
    }
}
