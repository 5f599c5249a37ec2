package uk.gov.london.vru.submission;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
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

/** Quarterly returns through HTTP: revisions, validation, late marking, lifecycle and Idempotency-Key. */
@QuarkusTest
class SubmissionApiTest {

    static String at(String programme, String period) {
        return "/api/v1/programmes/" + programme + "/submissions/" + period;
    }

    static Map<String, Object> content(Object wemwbs, Object participants) {
        return Map.of(
                "outputs", List.of(Map.of("outputType", "OT-TRAININGS", "count", 5)),
                "measurements", List.of(
                        Map.of("outcome", "PO-I01", "measure", "M-WEMWBS", "value", wemwbs,
                                "participants", participants, "baseline", 41.5),
                        Map.of("outcome", "RH-I01", "measure", "M-POLICE-RECORDED-GBH", "value", 3,
                                "participants", 120)));
    }

    @Test
    void everySaveIsANewRevisionAndNothingIsLost() {
        String organisation = Organisations.createPartner();
        String programme = Programmes.approved(organisation);
        String token = Tokens.partner(organisation);
        api().auth().oauth2(token).contentType("application/json").body(content(48.2, 30)).put(at(programme, "2025-26-Q1"))
                .then().statusCode(201).body("revision", equalTo(1)).body("status", equalTo("draft"))
                .body("late", equalTo(true)).body("due", equalTo("2025-07-30"))
                .body("content.measurements[0].statistic", equalTo("mean"));
        api().auth().oauth2(token).contentType("application/json").body(content(49.0, 31)).put(at(programme, "2025-26-Q1"))
                .then().statusCode(200).body("revision", equalTo(2));
        api().auth().oauth2(token).contentType("application/json").body(content(49.0, 31)).put(at(programme, "2025-26-Q1"))
                .then().statusCode(200).body("revision", equalTo(2));
        JsonPath revisions = api().auth().oauth2(token).get(at(programme, "2025-26-Q1") + "/revisions").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(1, 2), revisions.getList("items.revision"));
        assertEquals(48.2f, revisions.getFloat("items[0].content.measurements[0].value"));
        assertEquals(49.0f, revisions.getFloat("items[1].content.measurements[0].value"));
    }

    @Test
    void everyBrokenRuleIsListedAndNothingIsSaved() {
        String organisation = Organisations.createPartner();
        String programme = Programmes.approved(organisation);
        String token = Tokens.partner(organisation);
        Map<String, Object> bad = Map.of(
                "outputs", List.of(Map.of("outputType", "OT-NOPE", "count", 2)),
                "measurements", List.of(
                        Map.of("outcome", "PO-I01", "measure", "M-WEMWBS", "value", 71, "participants", 10),
                        Map.of("outcome", "FA-I01", "measure", "M-WEMWBS", "value", 50, "participants", 10),
                        Map.of("outcome", "RH-I01", "measure", "M-WEMWBS", "value", 50, "participants", 10)));
        api().auth().oauth2(token).contentType("application/json").body(bad).put(at(programme, "2025-26-Q2")).then()
                .statusCode(400)
                .body("errors.code", hasItems("out-of-range", "not-selected", "measure-does-not-fit", "unknown-code"))
                .body("errors.field", hasItems("measurements[0].value", "measurements[1].outcome",
                        "measurements[2].measure", "outputs[0].outputType"));
        api().auth().oauth2(token).get(at(programme, "2025-26-Q2")).then().statusCode(404);
        api().auth().oauth2(token).contentType("application/json").body(content(50, 10)).put(at(programme, "2027-28-Q1"))
                .then().statusCode(400).body("errors.code", hasItems("outside-programme", "future"));
        api().auth().oauth2(token).contentType("application/json")
                .body("{\"measurements\":[{\"outcome\":\"PO-I01\",\"measure\":\"M-WEMWBS\",\"value\":50,\"participants\":2.5}]}")
                .put(at(programme, "2025-26-Q3")).then().statusCode(400);
        api().auth().oauth2(token).contentType("application/json")
                .body("{\"measurements\":[{\"outcome\":\"PO-I01\",\"measure\":\"M-WEMWBS\",\"value\":50,\"participants\":-1}]}")
                .put(at(programme, "2025-26-Q3")).then().statusCode(400).body("errors[0].field", containsString("participants"));
        api().auth().oauth2(token).contentType("application/json").body(content(50, 10)).put(at(programme, "2025-26-Q5"))
                .then().statusCode(400).body("errors[0].code", equalTo("invalid-period"));
    }

    @Test
    void parallelSavesEachMakeARevisionAndNoneIsLost() throws Exception {
        String organisation = Organisations.createPartner();
        String programme = Programmes.approved(organisation);
        String token = Tokens.partner(organisation);
        int saves = 12;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(saves);
        try {
            List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < saves; i++) {
                double value = 40 + i;
                statuses.add(pool.submit(() -> api().auth().oauth2(token).contentType("application/json")
                        .body(content(value, 10)).put(at(programme, "2026-27-Q1")).statusCode()));
            }
            for (var status : statuses) {
                int code = status.get();
                org.junit.jupiter.api.Assertions.assertTrue(code == 200 || code == 201, "status " + code);
            }
        } finally {
            pool.shutdownNow();
        }
        JsonPath revisions = api().auth().oauth2(token).get(at(programme, "2026-27-Q1") + "/revisions").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(java.util.stream.IntStream.rangeClosed(1, saves).boxed().toList(),
                revisions.getList("items.revision"));
        assertEquals(saves, new java.util.HashSet<>(revisions.getList("items.collect { it.content.measurements[0].value }"))
                .size());
    }

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    @Test
    void aKeyWhoseFirstRequestDiedIsTakenOverAfterItsLease() throws Exception {
        String organisation = Organisations.createPartner();
        String programme = Programmes.approved(organisation);
        String partner = Tokens.partner(organisation);
        String period = at(programme, "2026-27-Q2");
        api().auth().oauth2(partner).contentType("application/json").body(content(50, 10)).put(period).then()
                .statusCode(201);
        String key = UUID.randomUUID().toString();
        // A request that took the key and then died: in progress, long ago.
        try (var connection = dataSource.getConnection(); var insert = connection.prepareStatement(
                "INSERT INTO idempotency_record (caller, idem_key, request_hash, created_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, "test-partner-" + organisation);
            insert.setString(2, key);
            insert.setString(3, "0".repeat(64));
            insert.setTimestamp(4, java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(600)));
            insert.executeUpdate();
        }
        api().auth().oauth2(partner).header("Idempotency-Key", key).post(period + "/submit").then().statusCode(200)
                .body("status", equalTo("submitted"));
        api().auth().oauth2(partner).header("Idempotency-Key", key).post(period + "/submit").then().statusCode(200)
                .header("Idempotent-Replayed", equalTo("true"));
    }

    @Test
    void anotherOrganisationsProgrammeIsNotFound() {
        String programme = Programmes.approved(Organisations.createPartner());
        String other = Tokens.partner(Organisations.createPartner());
        api().auth().oauth2(other).contentType("application/json").body(content(50, 10)).put(at(programme, "2025-26-Q1"))
                .then().statusCode(404);
    }

    @Test
    void submitAcceptReturnAndAnIdempotentRetry() {
        String organisation = Organisations.createPartner();
        String programme = Programmes.approved(organisation);
        String partner = Tokens.partner(organisation);
        String commissioner = Tokens.role("commissioner");
        String period = at(programme, "2025-26-Q4");
        api().auth().oauth2(partner).contentType("application/json").body(content(50, 10)).put(period).then().statusCode(201);
        String key = UUID.randomUUID().toString();
        var firstResponse = api().auth().oauth2(partner).header("Idempotency-Key", key).post(period + "/submit");
        String first = firstResponse.then().statusCode(200).body("status", equalTo("submitted")).extract().asString();
        api().auth().oauth2(partner).header("Idempotency-Key", key).post(period + "/submit").then().statusCode(200)
                .header("Idempotent-Replayed", equalTo("true")).header("ETag", equalTo(firstResponse.header("ETag")))
                .body(equalTo(first));
        api().auth().oauth2(partner).post(period + "/submit").then().statusCode(409);
        api().auth().oauth2(partner).contentType("application/json").body(content(51, 10)).put(period).then()
                .statusCode(409);
        String returnKey = UUID.randomUUID().toString();
        api().auth().oauth2(commissioner).header("Idempotency-Key", returnKey).contentType("application/json")
                .body("{\"reason\":\"Check the baseline\"}").post(period + "/return").then().statusCode(200)
                .body("status", equalTo("returned"));
        api().auth().oauth2(commissioner).header("Idempotency-Key", returnKey).contentType("application/json")
                .body("{\"reason\":\"Another reason\"}").post(period + "/return").then().statusCode(422)
                .body("type", equalTo("tag:vru.london.gov.uk,2022:problem/idempotency-key-reused"));
        api().auth().oauth2(partner).contentType("application/json").body(content(51, 10)).put(period).then()
                .statusCode(200).body("revision", equalTo(2));
        api().auth().oauth2(partner).post(period + "/submit").then().statusCode(200);
        api().auth().oauth2(partner).contentType("application/json").body("{}").post(period + "/accept").then()
                .statusCode(403);
        api().auth().oauth2(commissioner).contentType("application/json").body("{}").post(period + "/accept").then()
                .statusCode(200).body("status", equalTo("accepted"));
    }
}
