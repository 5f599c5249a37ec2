package uk.gov.london.vru.programme;

import static org.hamcrest.Matchers.equalTo;
import static uk.gov.london.vru.testsupport.Api.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The 33 London boroughs as reference data. */
@QuarkusTest
class BoroughsTest {

    @Test
    void theThirtyThreeBoroughsInCodeOrder() {
        List<String> codes = api().get("/api/v1/reference/boroughs").then().statusCode(200)
                .body("count", equalTo(33)).extract().jsonPath().getList("items.code");
        List<String> expected = java.util.stream.IntStream.rangeClosed(1, 33)
                .mapToObj(i -> String.format("E090000%02d", i)).toList();
        org.junit.jupiter.api.Assertions.assertEquals(expected, codes);
        api().get("/api/v1/reference/boroughs/E09000001").then().statusCode(200)
                .body("name", equalTo("City of London"));
        api().get("/api/v1/reference/boroughs/E09000033").then().statusCode(200).body("name", equalTo("Westminster"));
        api().get("/api/v1/reference/boroughs/E09000034").then().statusCode(404);
    }
}
