package uk.gov.london.vru.common;

import static org.hamcrest.Matchers.equalTo;
import static uk.gov.london.vru.testsupport.Api.api;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.quarkus.test.junit.QuarkusTest;
import uk.gov.london.vru.testsupport.Api;

/** The API's index: public, linking to resources that answer, cached with revalidation. */
@QuarkusTest
class ApiIndexTest {

    @Test
    void theIndexLinksToResourcesThatAnswer() throws Exception {
        String contractVersion = new YAMLMapper().readTree(Api.CONTRACT.toFile()).path("info").path("version").asText();
        var index = api().get("/api/v1").then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("no-cache"))
                .body("name", equalTo("VRU Outcomes API"))
                .body("apiVersion", equalTo(contractVersion))
                .extract();
        java.util.Map<String, String> links = index.jsonPath().getMap("links");
        for (String link : links.values()) {
            io.restassured.RestAssured.given().get(link).then().statusCode(200);
        }
        api().header("If-None-Match", index.header("ETag")).get("/api/v1").then().statusCode(304);
    }
}
