package uk.gov.london.vru.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static uk.gov.london.vru.testsupport.Api.api;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.gov.london.vru.testsupport.Tokens;

/** Bodies over the configured size are refused before they are read, as a problem. */
@QuarkusTest
class AbuseTest {

    @Test
    void aBodyOverTheLimitIs413() {
        byte[] body = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        api().auth().oauth2(Tokens.admin()).contentType("application/json").body(body)
                .post("/api/v1/organisations").then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("tag:vru.london.gov.uk,2022:problem/payload-too-large"));
    }

    @Test
    void everyApiResponseStatesTheRateLimit() {
        api().get("/api/v1/framework/releases").then().statusCode(200)
                .header("RateLimit-Policy", matchesPattern("\"default\";q=\\d+;w=\\d+"))
                .header("RateLimit", matchesPattern("\"default\";r=\\d+;t=\\d+"));
    }
}
