package uk.gov.london.vru.security;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import uk.gov.london.vru.common.ProblemMapper;
import uk.gov.london.vru.common.ProblemType;

/**
 * Per-client rate limits (a token bucket per client, Bucket4j): a client is its bearer token, or its address when
 * it sends none. Every API response says the policy and what is left ({@code RateLimit-Policy}, {@code RateLimit},
 * after the IETF httpapi draft); a client over its limit gets 429 with {@code Retry-After}. The limit is per
 * instance. {@code /q/} (health, metrics, contract, Swagger UI) is not limited.
 */
@Singleton
public class RateLimiter {

    @Inject
    RateLimitConfig config;

    private Cache<String, Bucket> buckets;

    void install(@Observes Router router) {
        buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(config.window().multipliedBy(2))
                .build();
        router.route().order(Integer.MIN_VALUE + 1).handler(this::limit);
    }

    private void limit(RoutingContext context) {
        if (!config.enabled() || context.request().path().startsWith("/q/")) {
            context.next();
            return;
        }
        // Every request also counts against its address (at five times the client limit), so inventing a new
        // unverified token per request does not escape the limit.
        String address = "address:" + context.request().remoteAddress().host();
        Bucket perAddress = buckets.get(address + "#all", key -> bucket(config.requests() * 5));
        Bucket bucket = buckets.get(client(context), key -> bucket(config.requests()));
        ConsumptionProbe byAddress = perAddress.tryConsumeAndReturnRemaining(1);
        ConsumptionProbe probe = byAddress.isConsumed() ? bucket.tryConsumeAndReturnRemaining(1) : byAddress;
        long windowSeconds = config.window().toSeconds();
        long missing = config.requests() - probe.getRemainingTokens();
        long resetSeconds = (long) Math.ceil((double) missing * windowSeconds / config.requests());
        context.response().putHeader("RateLimit-Policy",
                "\"default\";q=" + config.requests() + ";w=" + windowSeconds);
        context.response().putHeader("RateLimit",
                "\"default\";r=" + probe.getRemainingTokens() + ";t=" + resetSeconds);
        if (probe.isConsumed()) {
            context.next();
            return;
        }
        long retryAfter = Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / 1_000_000_000.0));
        context.response().putHeader("Retry-After", Long.toString(retryAfter));
        ProblemMapper.send(context, ProblemType.TOO_MANY_REQUESTS,
                "This client made too many requests; retry after " + retryAfter + " s.", List.of());
    }

    private Bucket bucket(long capacity) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(capacity)
                .refillGreedy(capacity, config.window()).build()).build();
    }

    private static String client(RoutingContext context) {
        String authorization = context.request().getHeader("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            return "token:" + uk.gov.london.vru.common.Hashes.sha256(authorization);
        }
        return "address:" + context.request().remoteAddress().host();
    }
}
