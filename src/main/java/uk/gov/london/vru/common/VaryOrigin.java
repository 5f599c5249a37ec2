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
 * <p>
 * It also folds the {@code Vary} fields that the layers add (JAX-RS content negotiation, the resources) into one
 * field without repeats, {@code Vary: Accept, Accept-Encoding, Origin}: the same meaning as several fields, but what
 * a client reading one header value, as many do, can rely on.
 */
@Singleton
public class VaryOrigin {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            context.addHeadersEndHandler(ignored -> {
                MultiMap headers = context.response().headers();
                java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
                headers.getAll(HttpHeaders.VARY).stream()
                        .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                        .map(String::trim).filter(name -> !name.isEmpty())
                        .forEach(name -> names.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), name));
                if (!names.containsKey("*")) {
                    names.putIfAbsent("origin", "Origin");
                }
                headers.set(HttpHeaders.VARY, names.containsKey("*") ? "*" : String.join(", ", names.values()));
            });
            context.next();
        });
    }
}
