package uk.gov.london.vru.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Prometheus metrics (request histograms and the service's counters) and CORS for configured origins only, with every
 * answer marked as varying by Origin.
 */
@QuarkusTest
class OperationsTest {

    @Test
    void metricsHoldRequestHistogramsAndBusinessCounters() {
        given().get("/api/v1/framework/releases/1.0.0").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds"))
                .body(containsString("vru_releases_served_total{format=\"json\",version=\"1.0.0\"}"));
    }

    @Test
    void aConfiguredPortalMayCallFromItsOriginAndOthersMayNot() {
        given().header("Origin", "https://portal.example.org").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/v1/programmes").then()
                .header("Access-Control-Allow-Origin", equalTo("https://portal.example.org"));
        given().header("Origin", "https://evil.example.com").get("/api/v1/framework/releases").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void everyAnswerVariesByOriginSoThatNoCacheHandsOnePortalsAnswerToAnother() {
        for (String origin : new String[] { "https://portal.example.org", "https://evil.example.com", null }) {
            var request = given();
            if (origin != null) {
                request.header("Origin", origin);
            }
            for (String path : List.of("/api/v1/framework/releases/1.0.0", "/api/v1/framework/releases",
                    "/api/v1/framework/releases/0.0.9", "/q/openapi")) {
                List<String> vary = request.get(path).then().extract().headers().getValues("Vary");
                assertTrue(vary.stream().flatMap(value -> List.of(value.split(",")).stream())
                        .anyMatch(value -> value.trim().equalsIgnoreCase("Origin")),
                        path + " from " + origin + " varies by Origin: " + vary);
            }
        }
        List<String> vary = given().get("/api/v1/framework/releases/1.0.0").then().extract().headers().getValues("Vary");
        assertEquals(List.of("Accept, Accept-Encoding, Origin"), vary,
                "and still by Accept and Accept-Encoding, in one field without repeats");
    }
}
