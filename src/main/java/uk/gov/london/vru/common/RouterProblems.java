package uk.gov.london.vru.common;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.ext.web.Router;

/**
 * Problem documents for requests the HTTP router refuses before they reach the API's resources (a path whose
 * percent escapes do not decode, for example): without this they were answered with a bare status and no body.
 */
@Singleton
public class RouterProblems {

    /** A path whose every {@code %} starts a two-digit hexadecimal escape. */
    private static final java.util.regex.Pattern ESCAPES = java.util.regex.Pattern.compile("([^%]|%[0-9A-Fa-f]{2})*");

    void install(@Observes Router router) {
        // A broken percent escape (%ZZ, a bare %) cannot be decoded into a path: refuse it here, as a problem,
        // before the router tries and answers a bare 400.
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            String path = context.request().path();
            if (path != null && path.indexOf('%') >= 0 && !ESCAPES.matcher(path).matches()) {
                ProblemMapper.send(context, ProblemType.BAD_REQUEST, "The path has a percent sign that does not "
                        + "start an escape such as %2F.", List.of());
                return;
            }
            context.next();
        });
        for (int status : new int[] { 400, 404, 405, 406, 413, 415 }) {
            router.errorHandler(status, context -> {
                if (context.response().headWritten()) {
                    return;
                }
                ProblemType type = ProblemType.forStatus(status);
                ProblemMapper.send(context, type, switch (type) {
                    case NOT_FOUND -> "There is no resource at this path.";
                    case PAYLOAD_TOO_LARGE -> "The request body is larger than this service accepts.";
                    case UNSUPPORTED_MEDIA_TYPE -> "The request body's Content-Type is not accepted here.";
                    case NOT_ACCEPTABLE -> "None of the media types in the Accept header can be produced here.";
                    case METHOD_NOT_ALLOWED -> "This method is not allowed on this path.";
                    default -> "The request could not be understood: check its path, parameters and body.";
                }, List.of());
            });
        }
    }
}
