package uk.gov.london.vru.report;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.gov.london.vru.testsupport.Api.api;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.gov.london.vru.testsupport.Organisations;
import uk.gov.london.vru.testsupport.Programmes;
import uk.gov.london.vru.testsupport.Tokens;

/**
 * Reports through HTTP. Each test uses its own borough-free organisation and a quarter of its own choosing, and
 * compares against figures it wrote, filtered to its own programmes, so that other tests' data does not matter.
 */
@QuarkusTest
class ReportTest {

    static void save(String organisation, String programme, String period, double wemwbs, int participants,
            boolean submit) {
        String token = Tokens.partner(organisation);
        api().auth().oauth2(token).contentType("application/json").body(Map.of("measurements", List.of(Map.of(
                "outcome", "PO-I01", "measure", "M-WEMWBS", "value", wemwbs, "participants", participants,
                "baseline", 40)))).put("/api/v1/programmes/" + programme + "/submissions/" + period).then()
                .statusCode(201);
        if (submit) {
            api().auth().oauth2(token).post("/api/v1/programmes/" + programme + "/submissions/" + period + "/submit")
                    .then().statusCode(200);
        }
    }

    @Test
    void completenessCountsExpectedReceivedLateAndMissing() {
        String organisation = Organisations.createPartner();
        String a = Programmes.approved(organisation);
        String b = Programmes.approved(organisation);
        Programmes.approved(organisation);
        save(organisation, a, "2025-26-Q3", 50, 20, true);
        save(organisation, b, "2025-26-Q3", 52, 20, false);
        JsonPath report = api().auth().oauth2(Tokens.partner(organisation)).queryParam("period", "2025-26-Q3")
                .get("/api/v1/reports/completeness").then().statusCode(200).extract().jsonPath();
        assertEquals(3, report.getInt("total.expected"));
        assertEquals(1, report.getInt("total.received"));
        assertEquals(2, report.getInt("total.missing"));
        assertEquals(3, report.getInt("total.late"), "all of 2025-26-Q3 is overdue today");
        assertEquals("submitted", report.getString("programmes.find { it.programme == '" + a + "' }.state"));
        assertEquals("draft", report.getString("programmes.find { it.programme == '" + b + "' }.state"));
        api().auth().oauth2(Tokens.partner(organisation)).accept("text/csv").queryParam("period", "2025-26-Q3")
                .get("/api/v1/reports/completeness").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv"));
        api().auth().oauth2(Tokens.partner(organisation)).get("/api/v1/reports/completeness").then().statusCode(400);
    }

    @Test
    void resultsAggregateAndThePublicViewSuppressesSmallNumbers() {
        String organisation = Organisations.createPartner();
        String a = Programmes.approved(organisation);
        String b = Programmes.approved(organisation);
        save(organisation, a, "2025-26-Q1", 50, 3, true);
        save(organisation, b, "2025-26-Q1", 54, 30, true);
        JsonPath results = api().auth().oauth2(Tokens.partner(organisation)).queryParam("period", "2025-26-Q1")
                .queryParam("outcome", "PO-I01").get("/api/v1/reports/results").then().statusCode(200).extract()
                .jsonPath();
        Map<String, Object> row = results.getMap("results[0]");
        assertEquals(2, row.get("programmes"));
        assertEquals(33, row.get("participants"));
        assertEquals(52.0f, ((Number) row.get("mean")).floatValue());
        assertEquals(12.0f, ((Number) row.get("change")).floatValue());
        api().auth().oauth2(Tokens.role("commissioner")).contentType("application/json").body("{}")
                .post("/api/v1/programmes/" + a + "/submissions/2025-26-Q1/accept").then().statusCode(200);
        api().auth().oauth2(Tokens.role("commissioner")).contentType("application/json").body("{}")
                .post("/api/v1/programmes/" + b + "/submissions/2025-26-Q1/accept").then().statusCode(200);
        JsonPath open = api().queryParam("period", "2025-26-Q1").queryParam("outcome", "PO-I01")
                .get("/api/v1/reports/public/results").then().statusCode(200).extract().jsonPath();
        for (Map<String, Object> published : open.<Map<String, Object>>getList("results")) {
            if (Boolean.TRUE.equals(published.get("suppressed"))) {
                assertNull(published.get("participants"));
                assertNull(published.get("mean"));
            } else {
                long programmes = ((Number) published.get("programmes")).longValue();
                long participants = ((Number) published.get("participants")).longValue();
                assertTrue(programmes == 0 || programmes > 4, "no count from 1 to 4 is published");
                assertTrue(participants == 0 || participants > 4, "no count from 1 to 4 is published");
            }
        }
        api().accept("text/csv").get("/api/v1/reports/public/results").then().statusCode(200);
        api().get("/api/v1/reports/results").then().statusCode(401);
    }

    @Test
    void suppressionWithholdsEveryCountFromOneToFour() {
        var small = ReportService.suppress(new ReportService.ResultRow("2025-26-Q1", "PO", "PO-I01", "M-WEMWBS", 5L,
                5L, 3L, java.math.BigDecimal.TEN, null, null, null));
        assertEquals(Boolean.TRUE, small.suppressed());
        assertNull(small.participants());
        var large = ReportService.suppress(new ReportService.ResultRow("2025-26-Q1", "PO", "PO-I01", "M-WEMWBS", 5L,
                5L, 50L, java.math.BigDecimal.TEN, null, null, null));
        assertNull(large.suppressed());
        assertEquals(50L, large.participants());
        api().get("/api/v1/reports/public/results?period=2025-26-Q9").then().statusCode(400)
                .body("errors[0].field", equalTo("period"));
    }
}
