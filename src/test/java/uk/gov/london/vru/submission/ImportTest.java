package uk.gov.london.vru.submission;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.gov.london.vru.testsupport.Api.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.gov.london.vru.testsupport.Organisations;
import uk.gov.london.vru.testsupport.Programmes;
import uk.gov.london.vru.testsupport.Tokens;

/** Bulk import: CSV and JSON, per-quarter all-or-nothing, a summary naming every bad row, dry runs, retries. */
@QuarkusTest
class ImportTest {

    static final String IMPORTS = "/api/v1/submissions/imports";
    static final String HEADER = "programme,period,kind,outcome,measure,statistic,value,participants,baseline,comment,outputType,count\n";

    @Test
    void aCsvImportWithSeveralBadRowsNamesEachAndAppliesOnlySoundQuarters() {
        String organisation = Organisations.createPartner();
        String good = Programmes.approved(organisation);
        String bad = Programmes.approved(organisation);
        String csv = HEADER
                + good + ",2025-26-Q1,measurement,PO-I01,M-WEMWBS,,47.5,25,44,,,\n"
                + good + ",2025-26-Q1,output,,,,,,,,OT-TRAININGS,3\n"
                + bad + ",2025-26-Q1,measurement,PO-I01,M-WEMWBS,,80,25,,,,\n"
                + bad + ",2025-26-Q1,measurement,FA-I01,M-WEMWBS,,50,25,,,,\n"
                + bad + ",2025-26-Q1,output,,,,,,,,OT-TRAININGS,-2\n"
                + bad + ",2025-26-Q1,measurement,RH-I01,M-POLICE-RECORDED-GBH,,4,=cmd,,,,\n";
        String token = Tokens.partner(organisation);
        JsonPath dry = api().auth().oauth2(token).contentType("text/csv").body(csv).queryParam("dryRun", true)
                .post(IMPORTS).then().statusCode(200).extract().jsonPath();
        assertEquals(2, dry.getInt("imported"));
        api().auth().oauth2(token).get("/api/v1/programmes/" + good + "/submissions/2025-26-Q1").then().statusCode(404);

        JsonPath summary = api().auth().oauth2(token).contentType("text/csv").body(csv).post(IMPORTS).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(6, summary.getInt("rows"));
        assertEquals(2, summary.getInt("imported"));
        assertEquals(0, summary.getInt("updated"));
        assertEquals(4, summary.getInt("rejected"));
        assertEquals(List.of(3, 4, 5, 6), summary.getList("conflicts.row"));
        assertEquals(List.of("value", "outcome", "count", "participants"), summary.getList("conflicts.field"));
        assertEquals(List.of("out-of-range", "not-selected", "not-a-count", "invalid-number"),
                summary.getList("conflicts.code"));
        api().auth().oauth2(token).get("/api/v1/programmes/" + good + "/submissions/2025-26-Q1").then()
                .statusCode(200).body("revision", equalTo(1));
        api().auth().oauth2(token).get("/api/v1/programmes/" + bad + "/submissions/2025-26-Q1").then().statusCode(404);
        JsonPath events = api().auth().oauth2(Tokens.admin()).queryParam("actor", "test-partner-" + organisation)
                .queryParam("limit", 500).get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        assertEquals(1, events.getList("items.findAll { it.action == 'submission.import' }").size(),
                "one import, one audit event");
        assertEquals(List.of(1), events.getList("items.find { it.action == 'submission.import' }.after.revisions.revision"));

        JsonPath again = api().auth().oauth2(token).contentType("text/csv").body(csv).post(IMPORTS).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(2, again.getInt("ignored"));
        assertEquals(0, again.getInt("imported"));
    }

    @Test
    void jsonRowsUpdateAndTheSameIdempotencyKeyReplaysTheFirstAnswer() {
        String organisation = Organisations.createPartner();
        String programme = Programmes.approved(organisation);
        String token = Tokens.partner(organisation);
        Map<String, Object> first = Map.of("rows", List.of(Map.of("programme", programme, "period", "2025-26-Q2",
                "kind", "measurement", "outcome", "PO-I01", "measure", "M-WEMWBS", "value", 45, "participants", 12)));
        api().auth().oauth2(token).contentType("application/json").body(first).post(IMPORTS).then().statusCode(200)
                .body("imported", equalTo(1));
        Map<String, Object> second = Map.of("rows", List.of(Map.of("programme", programme, "period", "2025-26-Q2",
                "kind", "measurement", "outcome", "PO-I01", "measure", "M-WEMWBS", "value", 46, "participants", 12)));
        String key = UUID.randomUUID().toString();
        String answer = api().auth().oauth2(token).header("Idempotency-Key", key).contentType("application/json")
                .body(second).post(IMPORTS).then().statusCode(200).body("updated", equalTo(1)).extract().asString();
        api().auth().oauth2(token).header("Idempotency-Key", key).contentType("application/json").body(second)
                .post(IMPORTS).then().statusCode(200).body(equalTo(answer));
        api().auth().oauth2(token).get("/api/v1/programmes/" + programme + "/submissions/2025-26-Q2/revisions")
                .then().statusCode(200).body("items.size()", equalTo(2));
        api().auth().oauth2(token).header("Idempotency-Key", key).contentType("application/json").body(first)
                .post(IMPORTS).then().statusCode(422);
    }

    @Test
    void parallelRequestsWithOneIdempotencyKeyHaveExactlyOneEffect() throws Exception {
        String organisation = Organisations.createPartner();
        String programme = Programmes.approved(organisation);
        String token = Tokens.partner(organisation);
        String csv = HEADER + programme + ",2026-27-Q2,measurement,PO-I01,M-WEMWBS,,47,25,,,,\n";
        String key = UUID.randomUUID().toString();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                statuses.add(pool.submit(() -> api().auth().oauth2(token).header("Idempotency-Key", key)
                        .contentType("text/csv").body(csv).post(IMPORTS).statusCode()));
            }
            for (var status : statuses) {
                int code = status.get();
                org.junit.jupiter.api.Assertions.assertTrue(code == 200 || code == 409, "status " + code);
            }
        } finally {
            pool.shutdownNow();
        }
        api().auth().oauth2(token).get("/api/v1/programmes/" + programme + "/submissions/2026-27-Q2/revisions")
                .then().statusCode(200).body("items.size()", equalTo(1));
        api().auth().oauth2(token).header("Idempotency-Key", key).contentType("text/csv").body(csv).post(IMPORTS)
                .then().statusCode(200).body("imported", equalTo(1));
    }

    @Test
    void rowsForAnotherOrganisationsProgrammeAreRejectedWithoutRevealingIt() {
        String theirs = Programmes.approved(Organisations.createPartner());
        String token = Tokens.partner(Organisations.createPartner());
        api().auth().oauth2(token).contentType("text/csv")
                .body(HEADER + theirs + ",2025-26-Q1,measurement,PO-I01,M-WEMWBS,,47,25,,,,\n").post(IMPORTS).then()
                .statusCode(200).body("rejected", equalTo(1)).body("conflicts[0].code", equalTo("unknown-programme"));
    }

    @Test
    void aBodyThatIsNotRowsIsABadRequest() {
        api().auth().oauth2(Tokens.admin()).contentType("application/json").body("{\"rows\": 3}").post(IMPORTS).then()
                .statusCode(400);
        api().auth().oauth2(Tokens.admin()).contentType("application/json").body("[]").queryParam("dryRun", "maybe")
                .post(IMPORTS).then().statusCode(400).body("errors[0].field", equalTo("dryRun"));
    }
}
