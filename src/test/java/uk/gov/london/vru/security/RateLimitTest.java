package uk.gov.london.vru.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static uk.gov.london.vru.testsupport.Api.api;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import uk.gov.london.vru.testsupport.Tokens;

/** A client over its limit gets 429 with Retry-After; other clients are unaffected. */
@QuarkusTest
@TestProfile(RateLimitTest.Tight.class)
class RateLimitTest {

    /** Three requests a minute. */
    public static class Tight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vru.rate-limit.requests", "3", "vru.rate-limit.window", "60S");
        }
    }

    @Test
    void theFourthRequestInTheWindowIs429() {
        String token = Tokens.role("commissioner");
        for (int i = 2; i >= 0; i--) {
            api().auth().oauth2(token).get("/api/v1/me").then().statusCode(200)
                    .header("RateLimit", matchesPattern("\"default\";r=" + i + ";t=\\d+"));
        }
        api().auth().oauth2(token).get("/api/v1/me").then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("tag:vru.london.gov.uk,2022:problem/too-many-requests"))
                .header("Retry-After", matchesPattern("[1-9]\\d*"))
                .header("RateLimit", matchesPattern("\"default\";r=0;t=\\d+"))
                .header("RateLimit-Policy", equalTo("\"default\";q=3;w=60"));
        api().auth().oauth2(Tokens.role("admin")).get("/api/v1/me").then().statusCode(200);
    }
}
