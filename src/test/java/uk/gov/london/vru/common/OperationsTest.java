package uk.gov.london.vru.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Prometheus metrics (request histograms and the service's counters) and CORS for configured origins only. */
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
}
