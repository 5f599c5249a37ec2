package uk.gov.london.vru.common;

import java.util.OptionalLong;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Optimistic concurrency over HTTP: a write must name, in {@code If-Match}, the ETag of the version it read. A
 * missing {@code If-Match} is 428; a stale one is 412. A write is never merged blindly into a newer version.
 */
public final class Preconditions {

    private Preconditions() {
    }

    /** The ETag of a stored object's version. */
    public static EntityTag tag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * The version the client read, from {@code If-Match}: empty for {@code *} (any current version). Refuses a
     * request without If-Match (428) and one whose tags cannot match (412).
     */
    public static OptionalLong expectedVersion(HttpHeaders headers) {
        String ifMatch = headers.getHeaderString(HttpHeaders.IF_MATCH);
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiProblem(ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag you read, so that a concurrent change is not overwritten.");
        }
        String value = ifMatch.strip();
        if (value.equals("*")) {
            return OptionalLong.empty();
        }
        if (value.length() > 2 && value.startsWith("\"") && value.endsWith("\"")) {
            try {
                return OptionalLong.of(Long.parseLong(value.substring(1, value.length() - 1)));
            } catch (NumberFormatException e) {
                // a tag this service never issued: it cannot match
            }
        }
        throw stale();
    }

    /** Refuses the write when the stored version is not the one the client read. */
    public static void requireVersion(OptionalLong expected, long current) {
        if (expected.isPresent() && expected.getAsLong() != current) {
            throw stale();
        }
    }

    private static ApiProblem stale() {
        return new ApiProblem(ProblemType.PRECONDITION_FAILED,
                "The resource changed since you read it: read it again and retry with its new ETag.");
    }
}
