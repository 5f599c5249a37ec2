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
 * Refuses a body whose declared length is over {@code quarkus.http.limits.max-body-size} with a 413 problem before
 * any of it is read. (A chunked body without a length is cut off by Quarkus itself at the same limit, also 413.)
 */
@Singleton
public class BodyLimit {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(context -> {
            String length = context.request().getHeader("Content-Length");
            if (length != null && isOver(length)) {
                ProblemMapper.send(context, ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than the "
                        + maxBodySize.asLongValue() + " bytes this service accepts.", List.of());
                return;
            }
            context.next();
        });
    }

    private boolean isOver(String length) {
        try {
            return Long.parseLong(length.strip()) > maxBodySize.asLongValue();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
