package uk.gov.london.vru.framework;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.gov.london.vru.testsupport.Api.api;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import uk.gov.london.vru.testsupport.Organisations;
import uk.gov.london.vru.testsupport.Programmes;
import uk.gov.london.vru.testsupport.Tokens;
import uk.gov.london.vru.testsupport.WebhookReceiver;
import uk.gov.london.vru.webhook.WebhookSignature;

/**
 * The scenario, end to end through HTTP: from 1.0.0 a draft deprecates one programme outcome in favour of
 * two new ones and fixes one typo; 1.1.0 is refused as the change is breaking, 2.0.0 is published; the diff shows
 * exactly those changes; the old code resolves with its replacements; the event is in the feed; a second publish
 * of the same draft is a conflict; a receiver subscribed on loopback gets the signed delivery.
 */
@QuarkusTest
class FrameworkLifecycleScenarioTest {

    static final String DRAFTS = "/api/v1/framework/drafts";
    static final String RELEASES = "/api/v1/framework/releases";
    static final String TYPO_FIXED = "Young people are supported to improve all aspects of their mental wellbeing and "
            + "factors that might negatively impact this.";

    @Test
    void fromDraftToRelease200() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Response subscription = api().auth().oauth2(Tokens.admin()).contentType("application/json")
                    .body(Map.of("url", receiver.url())).post("/api/v1/webhooks");
            subscription.then().statusCode(201);
            try {
                scenario(receiver, subscription.path("secret"));
            } finally {
                api().auth().oauth2(Tokens.admin()).delete("/api/v1/webhooks/" + subscription.path("id"));
            }
        }
    }

    private void scenario(WebhookReceiver receiver, String secret) throws Exception {
        String editor = Tokens.role("framework-editor");
        // On a fresh database the base is 1.0.0, the refused minor 1.1.0 and the published major 2.0.0.
        String base = api().get(RELEASES + "/latest").path("version");
        SemanticVersion baseVersion = SemanticVersion.parse(base).orElseThrow();
        String minor = ReleaseDiff.Bump.MINOR.apply(baseVersion).toString();
        String major = ReleaseDiff.Bump.MAJOR.apply(baseVersion).toString();
        // A partner's programme on 1.0.0 selects the outcome this edition will split.
        String partner = Tokens.partner(Organisations.createPartner());
        String programme = "/api/v1/programmes/" + api().auth().oauth2(partner).contentType("application/json")
                .body(Programmes.registration("Knife crime mentoring", base, "RH", List.of(
                        Programmes.outcome("RH-I03"), Programmes.outcome("RH-I01", "M-POLICE-RECORDED-GBH", 5))))
                .post("/api/v1/programmes").then().statusCode(201).extract().path("id");
        long feedCursor = 0;
        Response created = api().auth().oauth2(editor).contentType("application/json")
                .body("{\"basedOn\":\"" + base + "\",\"title\":\"Knife crime split\"}").post(DRAFTS);
        created.then().statusCode(201).header("ETag", equalTo("\"0\"")).body("basedOn", equalTo(base))
                .body("state", equalTo("open"));
        String draft = DRAFTS + "/" + created.path("id");
        String weapon = created.jsonPath().getString(
                "document.priorityAreas.find { it.code == 'RH' }.highLevelOutcomes.find { it.code == 'RH-H01' }"
                        + ".programmeOutcomes.find { it.code == 'RH-I03' }.title");
        assertEquals("Reduced weapon carrying", weapon);

        String changes = """
                {"changes": [
                  {"op": "add", "kind": "programme-outcome", "code": "RH-I23", "parent": "RH-H01",
                   "fields": {"title": "Reduced carrying of bladed articles"}},
                  {"op": "add", "kind": "programme-outcome", "code": "RH-I24", "parent": "RH-H01",
                   "fields": {"title": "Reduced carrying of firearms"}},
                  {"op": "deprecate", "code": "RH-I03", "replacedBy": ["RH-I23", "RH-I24"],
                   "reason": "Split by kind of weapon"},
                  {"op": "reword", "code": "PO-H01", "fields": {"definition": "%s"}}
                ]}""".formatted(TYPO_FIXED);
        api().auth().oauth2(editor).contentType("application/json").body(changes).post(draft + "/changes").then()
                .statusCode(428);
        String etag = api().auth().oauth2(editor).contentType("application/json").header("If-Match", "\"0\"")
                .body(changes).post(draft + "/changes").then().statusCode(200).extract().header("ETag");
        assertEquals("\"1\"", etag);

        api().auth().oauth2(editor).contentType("application/json").body("{\"version\":\"" + minor + "\"}")
                .post(draft + "/publish").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.code", hasItem("version-bump"))
                .body("errors.find { it.code == 'version-bump' }.message", containsString(major));

        api().auth().oauth2(editor).contentType("application/json").body("{\"version\":\"" + major + "\",\"dryRun\":true}")
                .post(draft + "/publish").then().statusCode(200)
                .body("dryRun", equalTo(true)).body("requiredBump", equalTo("major"));
        api().get(RELEASES + "/" + major).then().statusCode(404);

        api().auth().oauth2(editor).contentType("application/json").body("{\"version\":\"" + major + "\"}")
                .post(draft + "/publish").then().statusCode(201)
                .header("Location", containsString(RELEASES + "/" + major))
                .body("release.version", equalTo(major)).body("release.status", equalTo("published"));

        JsonPath diff = api().get(RELEASES + "/" + base + "/diff/" + major).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("RH-I23", "RH-I24"), diff.getList("added.code"));
        assertEquals(List.of("RH-I03"), diff.getList("deprecated.code"));
        assertEquals(List.of("RH-I23", "RH-I24"), diff.getList("deprecated[0].replacedBy"));
        assertEquals(List.of(), diff.getList("moved"));
        assertEquals(List.of(), diff.getList("removed"));
        assertEquals(1, diff.getList("changed").size());
        assertEquals(Map.of("code", "PO-H01", "kind", "high-level-outcome", "field", "definition",
                "oldValue", TYPO_FIXED.replace("supported to improve", "supported improve"), "newValue", TYPO_FIXED,
                "breaking", false), diff.getMap("changed[0]"));
        assertTrue(diff.getBoolean("breaking"));
        assertTrue(diff.getBoolean("deprecated[0].breaking"));
        assertFalse(diff.getBoolean("added[0].breaking"));
        assertEquals("major", diff.getString("requiredBump"));

        api().get(RELEASES + "/" + major + "/outcomes/RH-I03").then().statusCode(200)
                .body("title", equalTo("Reduced weapon carrying"))
                .body("deprecated.since", equalTo(major))
                .body("deprecated.replacedBy", equalTo(List.of("RH-I23", "RH-I24")));
        api().get("/api/v1/framework/concepts/RH-I03/history").then().statusCode(200)
                .body("firstAppeared", equalTo("1.0.0")).body("deprecatedIn", equalTo(major))
                .body("replacedBy", equalTo(List.of("RH-I23", "RH-I24")))
                .body("releases.find { it.release == '" + major + "' }.change", equalTo("deprecated"));
        api().get("/api/v1/framework/concepts/RH-I23/history").then().statusCode(200)
                .body("firstAppeared", equalTo(major));

        JsonPath feed = api().queryParam("after", feedCursor).queryParam("limit", 500).get("/api/v1/framework/events")
                .then().statusCode(200).extract().jsonPath();
        assertTrue(feed.getList("items.findAll { it.type == 'release.published' }.release.version").contains(major));
        api().get(RELEASES + "/latest").then().statusCode(200).body("version", equalTo(major))
                .header("Content-Location", startsWith(RELEASES + "/" + major));

        // The subscribed receiver gets the publication, signed with its secret.
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(15);
        WebhookReceiver.Received delivery = null;
        while (delivery == null && java.time.Instant.now().isBefore(deadline)) {
            delivery = receiver.requests.stream().filter(r -> r.body().contains("\"version\":\"" + major + "\"")
                    && r.body().contains("release.published")).findFirst().orElse(null);
            Thread.sleep(50);
        }
        assertTrue(delivery != null, "the receiver got the release.published event for " + major);
        assertTrue(WebhookSignature.verify(secret, Long.parseLong(delivery.header("Webhook-Timestamp")),
                delivery.body(), delivery.header("Webhook-Signature")));
        assertFalse(WebhookSignature.verify("another-secret", Long.parseLong(delivery.header("Webhook-Timestamp")),
                delivery.body(), delivery.header("Webhook-Signature")));

        // The programme moves to 2.0.0: the preview names the split outcome and its replacements, and applying
        // it needs a choice for that outcome.
        api().auth().oauth2(partner).queryParam("to", "latest").get(programme + "/migration").then().statusCode(200)
                .body("to", equalTo(major))
                .body("outcomes.find { it.outcome == 'RH-I03' }.status", equalTo("deprecated"))
                .body("outcomes.find { it.outcome == 'RH-I03' }.replacedBy", equalTo(List.of("RH-I23", "RH-I24")))
                .body("outcomes.find { it.outcome == 'RH-I01' }.status", equalTo("unchanged"));
        api().auth().oauth2(partner).contentType("application/json").header("If-Match", "\"0\"")
                .body(Map.of("to", major, "choices", List.of(Map.of("outcome", "RH-I03",
                        "replaceWith", List.of("RH-I23", "RH-I24")))))
                .post(programme + "/migration").then().statusCode(200)
                .body("release", equalTo(major))
                .body("outcomes.outcome", equalTo(List.of("RH-I23", "RH-I24", "RH-I01")))
                .body("outcomes.find { it.outcome == 'RH-I01' }.measures[0].measure", equalTo("M-POLICE-RECORDED-GBH"));

        api().auth().oauth2(editor).contentType("application/json").body("{\"version\":\"" + major + "\"}")
                .post(draft + "/publish").then().statusCode(409)
                .body("type", equalTo("tag:vru.london.gov.uk,2022:problem/conflict"));
        api().auth().oauth2(editor).contentType("application/json").header("If-Match", etag).body(changes)
                .post(draft + "/changes").then().statusCode(409);
    }
}
