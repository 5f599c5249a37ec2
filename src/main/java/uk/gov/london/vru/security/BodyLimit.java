package uk.gov.london.vru.security;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import uk.gov.london.vru.common.ProblemMapper;
import uk.gov.london.vru.common.ProblemType;

/**
 * Refuses a body whose declared length is over the limit with a 413 problem before any of it is read: the bulk
 * import's limit ({@code vru.limits.import-body-size}) for imports, {@code vru.limits.body-size} for everything else.
 * A body sent without a length (chunked) is counted as it is read ({@link StreamedBodyLimit}); Quarkus itself cuts
 * off any body over {@code quarkus.http.limits.max-body-size}.
 */
@Singleton
public class BodyLimit {

    @ConfigProperty(name = "vru.limits.body-size")
    MemorySize maxBodySize;

    @ConfigProperty(name = "vru.limits.import-body-size")
    MemorySize maxImportSize;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(context -> {
            String length = context.request().getHeader("Content-Length");
            long limit = limitFor(context.request().path());
            if (length != null && isOver(length, limit)) {
                ProblemMapper.send(context, ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than the "
                        + limit + " bytes this service accepts here.", List.of());
                return;
            }
            context.next();
        });
    }

    /** The largest body accepted at this path. */
    long limitFor(String path) {
        return path != null && path.startsWith("/api/v1/submissions/imports") ? maxImportSize.asLongValue()
                : maxBodySize.asLongValue();
    }

    private static boolean isOver(String length, long limit) {
        try {
            return Long.parseLong(length.strip()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
