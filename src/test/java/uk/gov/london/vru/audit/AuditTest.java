package uk.gov.london.vru.audit;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static uk.gov.london.vru.testsupport.Api.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import uk.gov.london.vru.testsupport.Organisations;
import uk.gov.london.vru.testsupport.Tokens;

/** Every write leaves exactly one audit event with who, what, before and after; a refused write leaves none. */
@QuarkusTest
class AuditTest {

    static JsonPath events(String targetId) {
        return api().auth().oauth2(Tokens.admin()).queryParam("targetType", "organisation")
                .queryParam("targetId", targetId).get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aCreationIsOneEventWithTheNewStateAndWhoMadeIt() {
        Response created = api().auth().oauth2(Tokens.mint(Map.of("role", "admin", "sub", "admin-alice")))
                .header("X-Request-Id", "audit-test-1").contentType("application/json")
                .body("{\"name\":\"Audited " + UUID.randomUUID() + "\",\"type\":\"nhs\"}").post("/api/v1/organisations");
        String id = created.path("id");
        JsonPath events = events(id);
        assertEquals(1, events.getList("items").size());
        assertEquals("organisation.create", events.getString("items[0].action"));
        assertEquals("admin-alice", events.getString("items[0].actor"));
        assertEquals("admin", events.getString("items[0].actorRole"));
        assertEquals("audit-test-1", events.getString("items[0].requestId"));
        assertNull(events.get("items[0].before"));
        assertEquals(created.jsonPath().getMap(""), events.getMap("items[0].after"));
    }

    @Test
    void anUpdateIsOneEventWithBeforeAndAfter() {
        String id = Organisations.createPartner();
        String token = Tokens.partner(id, "partner-bob");
        Response before = api().auth().oauth2(token).get("/api/v1/organisations/" + id);
        Response after = api().auth().oauth2(token).contentType("application/json")
                .header("If-Match", before.header("ETag")).body("{\"name\":\"After " + UUID.randomUUID() + "\"}")
                .put("/api/v1/organisations/" + id);
        after.then().statusCode(200);
        JsonPath events = events(id);
        assertEquals(List.of("organisation.create", "organisation.update"), events.getList("items.action"));
        assertEquals("partner-bob", events.getString("items[1].actor"));
        assertEquals("partner", events.getString("items[1].actorRole"));
        assertEquals(id, events.getString("items[1].actorOrganisation"));
        assertEquals(before.jsonPath().getMap(""), events.getMap("items[1].before"));
        assertEquals(after.jsonPath().getMap(""), events.getMap("items[1].after"));
    }

    @Test
    void aRefusedWriteLeavesNoEvent() {
        String id = Organisations.createPartner();
        String token = Tokens.partner(id);
        String etag = api().auth().oauth2(token).get("/api/v1/organisations/" + id).header("ETag");
        api().auth().oauth2(token).contentType("application/json").header("If-Match", etag).body("{\"name\":\"\"}")
                .put("/api/v1/organisations/" + id).then().statusCode(400);
        api().auth().oauth2(token).contentType("application/json").header("If-Match", "\"99\"")
                .body("{\"name\":\"Stale\"}").put("/api/v1/organisations/" + id).then().statusCode(412);
        api().auth().oauth2(token).contentType("application/json").body("{\"name\":\"No If-Match\"}")
                .put("/api/v1/organisations/" + id).then().statusCode(428);
        assertEquals(List.of("organisation.create"), events(id).getList("items.action"));
    }

    @Test
    void theTrailFiltersByActorAndTimeAndPagesWithACursor() {
        String actor = "admin-" + UUID.randomUUID();
        String token = Tokens.mint(Map.of("role", "admin", "sub", actor));
        Instant start = Instant.now().minusSeconds(1);
        for (int i = 0; i < 3; i++) {
            api().auth().oauth2(token).contentType("application/json")
                    .body("{\"name\":\"Cursor " + UUID.randomUUID() + "\",\"type\":\"college\"}")
                    .post("/api/v1/organisations").then().statusCode(201);
        }
        JsonPath first = api().auth().oauth2(Tokens.admin()).queryParam("actor", actor).queryParam("limit", 2)
                .queryParam("from", start.toString()).get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        assertEquals(2, first.getList("items").size());
        JsonPath rest = api().urlEncodingEnabled(false).auth().oauth2(Tokens.admin()).get(first.getString("next")).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, rest.getList("items").size());
        assertEquals(actor, rest.getString("items[0].actor"));
        api().auth().oauth2(Tokens.admin()).queryParam("actor", actor).queryParam("to", start.toString())
                .get("/api/v1/audit").then().statusCode(200).body("items.size()", equalTo(0));
        api().auth().oauth2(Tokens.admin()).queryParam("from", "yesterday").queryParam("limit", 9999)
                .get("/api/v1/audit").then().statusCode(400).body("errors.field", equalTo(List.of("from", "limit")));
    }
}
