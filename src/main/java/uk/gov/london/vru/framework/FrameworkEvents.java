package uk.gov.london.vru.framework;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.gov.london.vru.common.Times;

/** Appends to the change feed, in the caller's transaction; reads it in order. */
@ApplicationScoped
public class FrameworkEvents {

    /** What an event says about the release it concerns. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Payload(String version, String status, String contentHash, String successor, String reason,
            String href) {
    }

    /** An event as served and delivered. */
    public record View(long id, Instant occurredAt, String type, Payload release) {
    }

    @Inject
    ObjectMapper mapper;

    @Transactional(Transactional.TxType.MANDATORY)
    public FrameworkEvent append(String type, Payload payload) {
        // Appenders queue on the newest event, so ids become visible in the order they were given and a reader
        // following the cursor never steps over an event that commits later.
        FrameworkEvent.getEntityManager().createNativeQuery(
                "SELECT id FROM framework_event ORDER BY id DESC LIMIT 1 FOR UPDATE").getResultList();
        FrameworkEvent event = new FrameworkEvent();
        event.occurredAt = Times.now();
        event.type = type;
        event.releaseVersion = payload.version();
        try {
            event.data = mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        event.persist();
        return event;
    }

    /** Events after the cursor (an event id), oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<View> after(long cursor, int limit) {
        return FrameworkEvent.<FrameworkEvent>find("id > ?1 order by id", cursor).page(0, limit).list().stream()
                .map(this::view).toList();
    }

    public View view(FrameworkEvent event) {
        try {
            return new View(event.id, event.occurredAt, event.type, mapper.readValue(event.data, Payload.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored event is not readable", e);
        }
    }
}
