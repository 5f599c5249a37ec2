package uk.gov.london.vru.common;

import java.net.URI;

/**
 * Every kind of failure the API reports, each with a stable RFC 9457 {@code type} URI, title and status.
 *
 * <p>The URIs are {@code tag:} URIs (RFC 4151), which RFC 9457 allows for types that are identifiers rather than
 * pages; the contract ({@code openapi/openapi.yaml}) and the README document each one. A URI never changes once
 * published; new kinds are added at the end.
 */
public enum ProblemType {
    BAD_REQUEST("bad-request", 400, "Bad request"),
    VALIDATION("validation", 400, "The request is not valid"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    CONFLICT("conflict", 409, "Conflict"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    INTERNAL("internal", 500, "Internal error"),
    SERVICE_UNAVAILABLE("service-unavailable", 503, "Service unavailable"),
    UNAUTHORIZED("unauthorized", 401, "Authentication required"),
    FORBIDDEN("forbidden", 403, "Forbidden"),
    PRECONDITION_FAILED("precondition-failed", 412, "Precondition failed"),
    PRECONDITION_REQUIRED("precondition-required", 428, "Precondition required"),
    TOO_MANY_REQUESTS("too-many-requests", 429, "Too many requests"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "Idempotency key reused");

    /** Prefix of every problem type URI. */
    public static final String URI_PREFIX = "tag:vru.london.gov.uk,2022:problem/";

    private final URI uri;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.uri = URI.create(URI_PREFIX + slug);
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return uri;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The generic kind for an HTTP status that no more specific kind describes. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type != VALIDATION) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}
