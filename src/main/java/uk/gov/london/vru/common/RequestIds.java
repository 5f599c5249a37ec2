package uk.gov.london.vru.common;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.ext.web.Router;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a safe token, otherwise a new UUID.
 * The id is echoed in the response header and in every problem document, so a caller can quote it.
 */
@Singleton
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String given = context.request().getHeader(HEADER);
            String id = given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
            context.request().headers().set(HEADER, id);
            context.response().putHeader(HEADER, id);
            org.jboss.logging.MDC.put("requestId", id);
            context.next();
        });
    }
}
