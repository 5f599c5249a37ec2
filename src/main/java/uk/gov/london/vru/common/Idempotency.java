package uk.gov.london.vru.common;

import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.gov.london.vru.security.Caller;

/**
 * {@code Idempotency-Key} for POSTs: the first request with a key runs and its answer is kept; a retry with the
 * same key and the same request gets that answer again and changes nothing; the same key with another request is
 * 422; a retry while the first is still running is 409. Keys belong to the caller (the token's subject).
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    /** A first request still "in progress" after this long is taken to have died; a retry takes its key over. */
    static final java.time.Duration LEASE = java.time.Duration.ofMinutes(2);
    private static final List<String> KEPT_HEADERS = List.of("ETag", "Location", "Content-Type");
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    @Inject
    Caller caller;

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper mapper;

    /** Runs the action once per key; {@code request} identifies the request (method, path and body). */
    public Response run(String key, String request, Supplier<Response> action) {
        if (key == null) {
            return action.get();
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiProblem.invalid("The Idempotency-Key is not valid.", List.of(new FieldError(HEADER,
                    "invalid-value", "Use 1 to 255 visible ASCII characters, for example a UUID.")));
        }
        String who = caller.subject();
        String hash = Hashes.sha256(request);
        try {
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("INSERT INTO "
                    + "idempotency_record (caller, idem_key, request_hash, created_at) VALUES (?1, ?2, ?3, ?4)")
                    .setParameter(1, who).setParameter(2, key).setParameter(3, hash).setParameter(4, Times.now())
                    .executeUpdate());
        } catch (RuntimeException e) {
            if (!SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
            if (!takeOverAbandoned(who, key, hash)) {
                return replay(who, key, hash);
            }
        }
        Response response;
        try {
            response = action.get();
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                    "DELETE FROM idempotency_record WHERE caller = ?1 AND idem_key = ?2")
                    .setParameter(1, who).setParameter(2, key).executeUpdate());
            throw e;
        }
        String body = body(response.getEntity());
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            String value = response.getHeaderString(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        String headerJson = body(headers);
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("UPDATE idempotency_record "
                + "SET status = ?1, response = ?2, response_headers = ?3 WHERE caller = ?4 AND idem_key = ?5")
                .setParameter(1, response.getStatus()).setParameter(2, body).setParameter(3, headerJson)
                .setParameter(4, who).setParameter(5, key).executeUpdate());
        return response;
    }

    private Response replay(String who, String key, String hash) {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery(
                "SELECT request_hash, status, response, response_headers FROM idempotency_record "
                        + "WHERE caller = ?1 AND idem_key = ?2")
                .setParameter(1, who).setParameter(2, key).getSingleResult());
        if (!hash.equals(row[0])) {
            throw new ApiProblem(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different request; use a new key for a new request.");
        }
        if (row[1] == null) {
            throw new ApiProblem(ProblemType.CONFLICT,
                    "A request with this Idempotency-Key is still being processed; retry in a moment.");
        }
        Response.ResponseBuilder replayed = Response.status(((Number) row[1]).intValue()).entity(row[2])
                .type(MediaType.APPLICATION_JSON).header("Idempotent-Replayed", "true");
        if (row[3] != null) {
            try {
                mapper.readValue((String) row[3], java.util.Map.class).forEach((name, value) -> replayed
                        .header((String) name, value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return replayed.build();
    }

    /**
     * Takes over a key whose first request never finished within the lease (its process died before it could
     * record an answer): the retry runs as the key's request.
     */
    private boolean takeOverAbandoned(String who, String key, String hash) {
        int taken = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("UPDATE "
                + "idempotency_record SET created_at = ?1, request_hash = ?4 WHERE caller = ?2 AND idem_key = ?3 "
                + "AND status IS NULL AND created_at < ?5")
                .setParameter(1, Times.now()).setParameter(2, who).setParameter(3, key).setParameter(4, hash)
                .setParameter(5, Times.now().minus(LEASE)).executeUpdate());
        return taken == 1;
    }

    private String body(Object entity) {
        try {
            return entity == null ? null : entity instanceof String text ? text : mapper.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
