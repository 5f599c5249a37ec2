package uk.gov.london.vru.common;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * The one place where failures become HTTP answers: every error is an RFC 9457 problem document served as
 * {@code application/problem+json}, with a stable type, the request id, and never a stack trace or class name.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** How long a client should wait before retrying when the database is unavailable. */
    static final String RETRY_AFTER_SECONDS = "5";

    @Inject
    AllowedMethods allowedMethods;

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem, HttpServerRequest request) {
        return respond(problem.type(), problem.getMessage(), problem.errors(), request);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException exception, HttpServerRequest request) {
        if (exception.getCause() instanceof JsonProcessingException json) {
            return json(json, request);
        }
        int status = exception.getResponse().getStatus();
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (type) {
            case NOT_FOUND -> "There is no resource at " + request.path() + ".";
            case METHOD_NOT_ALLOWED -> request.method() + " is not allowed on " + request.path() + "; allowed: "
                    + allowedMethods.allowed(request.path()) + ".";
            case NOT_ACCEPTABLE -> "None of the media types in the Accept header can be produced here.";
            case UNSUPPORTED_MEDIA_TYPE -> "The request body's Content-Type is not accepted here.";
            case PAYLOAD_TOO_LARGE -> "The request body is larger than this service accepts.";
            case INTERNAL, SERVICE_UNAVAILABLE -> null;
            default -> "The request could not be understood: check its parameters and body.";
        };
        if (status >= 500) {
            LOG.errorf(exception, "Request %s failed", requestId(request));
        }
        Response response = respond(type, detail, List.of(), request);
        return type == ProblemType.METHOD_NOT_ALLOWED
                ? Response.fromResponse(response).header("Allow", allowedMethods.allowed(request.path())).build()
                : response;
    }

    // Quarkus REST brings its own mappers for some Jackson exceptions; naming each type here keeps them all here.
    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class, UnrecognizedPropertyException.class })
    public Response json(JsonProcessingException exception, HttpServerRequest request) {
        if (!(exception instanceof JsonMappingException mapping)) {
            return respond(ProblemType.BAD_REQUEST, "The request body is not well-formed JSON.", List.of(), request);
        }
        List<FieldError> errors;
        String detail;
        if (mapping instanceof UnrecognizedPropertyException unknown) {
            detail = "The request body has a property this operation does not accept.";
            errors = List.of(new FieldError(path(unknown), "unknown-property",
                    "'" + unknown.getPropertyName() + "' is not a property of this request."));
        } else {
            detail = "A value in the request body has the wrong type or format.";
            errors = List.of(new FieldError(path(mapping), "invalid-value", "This value has the wrong type or format."));
        }
        return respond(ProblemType.VALIDATION, detail, errors, request);
    }

    @ServerExceptionMapper
    public Response constraints(ConstraintViolationException exception, HttpServerRequest request) {
        List<FieldError> errors = exception.getConstraintViolations().stream()
                .map(ProblemMapper::fieldError)
                .sorted(java.util.Comparator.comparing(FieldError::field))
                .toList();
        return respond(ProblemType.VALIDATION, "The request is not valid: see errors.", errors, request);
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class })
    public Response unauthenticated(RuntimeException exception, HttpServerRequest request) {
        boolean presented = request.getHeader("Authorization") != null;
        Response response = respond(ProblemType.UNAUTHORIZED, presented
                ? "The bearer token is not valid: it may be expired, badly signed, or issued for another service."
                : "This operation needs a bearer token.", List.of(), request);
        return Response.fromResponse(response).header("WWW-Authenticate",
                presented ? "Bearer error=\"invalid_token\"" : "Bearer").build();
    }

    @ServerExceptionMapper
    public Response identityProviderDown(io.quarkus.oidc.OIDCException exception, HttpServerRequest request) {
        LOG.warnf("Request %s: the identity provider cannot be reached: %s", requestId(request),
                exception.getMessage());
        return Response.fromResponse(respond(ProblemType.SERVICE_UNAVAILABLE,
                "The identity provider cannot be reached, so the token cannot be checked; try again later.",
                List.of(), request)).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException exception, HttpServerRequest request) {
        return respond(ProblemType.FORBIDDEN, "Your role does not allow this operation.", List.of(), request);
    }

    @ServerExceptionMapper({ OptimisticLockException.class, org.hibernate.StaleStateException.class })
    public Response staleWrite(RuntimeException exception, HttpServerRequest request) {
        return respond(ProblemType.PRECONDITION_FAILED,
                "The resource changed since you read it: read it again and retry with its new ETag.", List.of(),
                request);
    }

    /** Database refusals that a retry or another request resolves: conflicts, not failures. */
    @ServerExceptionMapper
    public Response persistence(jakarta.persistence.PersistenceException exception, HttpServerRequest request) {
        return switch (SqlErrors.code(exception).orElse(0)) {
            case SqlErrors.DUPLICATE_KEY, 1452 -> respond(ProblemType.CONFLICT, "The change conflicts with another "
                    + "object (a duplicate or a missing reference).", List.of(), request);
            case 1213, 1205 -> Response.fromResponse(respond(ProblemType.CONFLICT, "A concurrent change got in the "
                    + "way; retry the request.", List.of(), request)).header("Retry-After", "1").build();
            default -> unexpected(exception, request);
        };
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable throwable, HttpServerRequest request) {
        if (SqlErrors.isUnavailable(throwable)) {
            return databaseUnavailable(throwable, request);
        }
        LOG.errorf(throwable, "Unexpected failure of request %s", requestId(request));
        return respond(ProblemType.INTERNAL,
                "The service failed to answer this request. Quote the request id if you report it.", List.of(),
                request);
    }

    /**
     * The database cannot be reached (down, restarting, or no connection free within the pool's acquisition
     * timeout): 503 with {@code Retry-After}, so that clients retry later instead of reporting a failure. The
     * request's transaction, if it began, is rolled back by the database, so nothing of it is half-written.
     */
    private Response databaseUnavailable(Throwable throwable, HttpServerRequest request) {
        LOG.warnf("Request %s: the database cannot be reached: %s", requestId(request), rootMessage(throwable));
        return Response.fromResponse(respond(ProblemType.SERVICE_UNAVAILABLE,
                "The database cannot be reached just now, so the request was not carried out. Try again in a few "
                        + "seconds (a POST with the same Idempotency-Key, if it had one).",
                List.of(), request)).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    private static String rootMessage(Throwable throwable) {
        Throwable root = throwable;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /**
     * Writes a problem straight to a Vert.x response, for failures met before a request reaches JAX-RS (rate
     * limits, oversized bodies): the same document as every other problem.
     */
    public static void send(RoutingContext context, ProblemType type, String detail, List<FieldError> errors) {
        Problem problem = problem(type, detail, errors, context.request());
        context.response().setStatusCode(type.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }

    private static Problem problem(ProblemType type, String detail, List<FieldError> errors,
            HttpServerRequest request) {
        return new Problem(type.uri(), type.title(), type.status(), detail, request.path(), requestId(request),
                errors);
    }

    static Response respond(ProblemType type, String detail, List<FieldError> errors, HttpServerRequest request) {
        Problem problem = problem(type, detail, errors, request);
        return Response.status(type.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String requestId(HttpServerRequest request) {
        return request.getHeader(RequestIds.HEADER);
    }

    private static String path(JsonMappingException exception) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : exception.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "$" : path.toString();
    }

    private static FieldError fieldError(ConstraintViolation<?> violation) {
        // Paths look like "method.parameter" (a query parameter) or "method.parameter.field" (a body property):
        // name the parameter, or the body property.
        String[] parts = violation.getPropertyPath().toString().split("\\.", 3);
        String field = parts.length == 3 ? parts[2] : parts[parts.length - 1];
        return new FieldError(field, "constraint", violation.getMessage());
    }
}
