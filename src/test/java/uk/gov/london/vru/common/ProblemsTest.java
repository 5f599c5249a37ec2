package uk.gov.london.vru.common;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static uk.gov.london.vru.testsupport.Api.api;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Every kind of failure is one RFC 9457 problem document, from the one mapper. */
@QuarkusTest
class ProblemsTest {

    static final String PREFIX = "tag:vru.london.gov.uk,2022:problem/";

    private static ValidatableResponse problem(ValidatableResponse response, int status, String kind) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo(PREFIX + kind))
                .body("status", equalTo(status))
                .body("title", not(equalTo(null)))
                .body("requestId", not(equalTo(null)));
    }

    @Test
    void anUnknownPathIs404() {
        problem(api().get("/api/v1/nothing-here").then(), 404, "not-found")
                .body("instance", equalTo("/api/v1/nothing-here"));
    }

    @Test
    void anUnsupportedMethodIs405AndSaysWhatIsAllowed() {
        problem(api().contentType("application/json").body("{}").post("/api/v1/framework/releases").then(), 405,
                "method-not-allowed")
                .header("Allow", equalTo("GET, HEAD"))
                .body("detail", containsString("allowed: GET, HEAD"));
        problem(api().delete("/api/v1/framework/releases/1.0.0").then(), 405, "method-not-allowed");
    }

    @Test
    void anUnproducibleAcceptIs406() {
        problem(api().accept("application/xml").get("/api/v1/framework/releases/1.0.0").then(), 406,
                "not-acceptable");
        problem(api().accept("application/xml").get("/api/v1/framework/releases/1.0.0/outcomes").then(), 406,
                "not-acceptable");
        api().accept("*/*").get("/api/v1/framework/releases/1.0.0").then().statusCode(200)
                .contentType("application/json");
    }

    @Test
    void anUnsupportedBodyTypeIs415() {
        problem(api().contentType("text/plain").body("name").post("/test-probe/echo").then(), 415,
                "unsupported-media-type");
    }

    @Test
    void malformedJsonAndUnknownPropertiesAre400() {
        problem(api().contentType("application/json").body("{\"name\": ").post("/test-probe/echo").then(), 400,
                "bad-request")
                .body("detail", containsString("not well-formed JSON"));
        problem(api().contentType("application/json").body("{\"name\":\"a\",\"owner\":\"me\"}")
                .post("/test-probe/echo").then(), 400, "validation")
                .body("errors[0].field", equalTo("owner"))
                .body("errors[0].code", equalTo("unknown-property"));
        problem(api().contentType("application/json").body("{\"name\":[1,2]}").post("/test-probe/echo").then(), 400,
                "validation")
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void anUnexpectedFailureIs500WithoutInternals() {
        problem(api().get("/test-probe/boom").then(), 500, "internal")
                .body(not(containsString("Exception")))
                .body(not(containsString("secret")))
                .body(not(containsString("com.example")))
                .body(not(containsString("at uk.gov")));
    }

    @Test
    void theRequestIdIsEchoedInTheHeaderAndTheProblem() {
        api().header(RequestIds.HEADER, "portal-42.abc").get("/api/v1/framework/releases/9.9.9").then()
                .statusCode(404)
                .header(RequestIds.HEADER, equalTo("portal-42.abc"))
                .body("requestId", equalTo("portal-42.abc"));
        String unsafe = "<script>alert(1)</script>";
        api().header(RequestIds.HEADER, unsafe).get("/api/v1/framework/releases/9.9.9").then()
                .statusCode(404)
                .header(RequestIds.HEADER, allOf(not(equalTo(unsafe)), matchesPattern("[0-9a-f-]{36}")))
                .body("requestId", matchesPattern("[0-9a-f-]{36}"));
    }
}
