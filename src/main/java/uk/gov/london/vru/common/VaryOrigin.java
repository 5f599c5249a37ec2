package uk.gov.london.vru.common;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Marks every response as depending on the caller's {@code Origin}. With CORS the answer does: it names the allowed
 * origin in {@code Access-Control-Allow-Origin}, or leaves it out. Published releases are cacheable for a year
 * ({@code public, immutable}), so without {@code Vary: Origin} a browser's cache (shared by the portals of one site)
 * or a shared cache on the way would hand one portal's answer to another origin, whose browser then blocks it; or
 * an answer cached for a caller without {@code Origin} to every browser. The browser check
 * ({@code SwaggerUiBrowserIT}) saw the first happen. Quarkus 3.33's CORS filter does not add it.
 */
@Singleton
public class VaryOrigin {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            context.addHeadersEndHandler(ignored -> {
                MultiMap headers = context.response().headers();
                boolean present = headers.getAll(HttpHeaders.VARY).stream()
                        .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                        .anyMatch(value -> value.trim().equalsIgnoreCase("Origin") || value.trim().equals("*"));
                if (!present) {
                    headers.add(HttpHeaders.VARY, "Origin");
                }
            });
            context.next();
        });
    }
}
