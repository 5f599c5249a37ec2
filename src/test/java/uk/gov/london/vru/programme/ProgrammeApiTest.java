package uk.gov.london.vru.programme;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.gov.london.vru.testsupport.Api.api;
import static uk.gov.london.vru.testsupport.Programmes.outcome;
import static uk.gov.london.vru.testsupport.Programmes.registration;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import uk.gov.london.vru.framework.ReleaseDocument;
import uk.gov.london.vru.framework.ReleaseLoader;
import uk.gov.london.vru.framework.ReleaseStatus;
import uk.gov.london.vru.testsupport.Organisations;
import uk.gov.london.vru.testsupport.Tokens;

/** Programme registrations through HTTP: validation, ownership, concurrency, lifecycle, lists and migration. */
@QuarkusTest
class ProgrammeApiTest {

    static final String PATH = "/api/v1/programmes";

    @Inject
    ReleaseLoader loader;

    static Response register(String token, Map<String, Object> registration) {
        return api().auth().oauth2(token).contentType("application/json").body(registration).post(PATH);
    }

    static Map<String, Object> sound(String title) {
        return registration(title, List.of(outcome("RH-I01", "M-POLICE-RECORDED-GBH", 10),
                outcome("PO-I01", "M-WEMWBS", 50), outcome("ED-I01")));
    }

    @Test
    void aPartnerRegistersItsOrganisationsProgramme() {
        String organisation = Organisations.createPartner();
        Response created = register(Tokens.partner(organisation), sound("Hackney mentoring"));
        created.then().statusCode(201).header("ETag", equalTo("\"0\""))
                .body("organisation", equalTo(organisation)).body("status", equalTo("draft"))
                .body("release", equalTo("1.0.0")).body("outcomes.outcome", equalTo(List.of("RH-I01", "PO-I01", "ED-I01")));
        api().auth().oauth2(Tokens.role("commissioner")).get(PATH + "/" + created.path("id")).then().statusCode(200);
        Map<String, Object> latest = sound("Latest release");
        latest.put("release", "latest");
        register(Tokens.partner(organisation), latest).then().statusCode(201)
                .body("release", org.hamcrest.Matchers.matchesPattern("\\d+\\.\\d+\\.\\d+"));
    }

    @Test
    void aPartnerCannotRegisterForAnotherOrganisation() {
        String mine = Organisations.createPartner();
        String theirs = Organisations.createPartner();
        Map<String, Object> registration = sound("Not ours");
        registration.put("organisation", theirs);
        register(Tokens.partner(mine), registration).then().statusCode(403)
                .contentType("application/problem+json");
        register(Tokens.role("commissioner"), sound("Commissioners do not register")).then().statusCode(403);
    }

    @Test
    void everyBrokenRuleIsListedInOneProblemAndNothingIsStored() {
        String organisation = Organisations.createPartner();
        Map<String, Object> bad = registration("Broken", List.of(
                outcome("RH-I01", "M-WEMWBS", 50),
                outcome("PO-I01", "M-WEMWBS", 99),
                outcome("XX-I01"),
                outcome("RH-I01")));
        bad.put("boroughs", List.of("E09000012", "E09000099"));
        bad.put("startDate", "2026-04-01");
        bad.put("endDate", "2026-03-31");
        bad.put("priorityGroups", List.of("PG-NOPE"));
        register(Tokens.partner(organisation), bad).then().statusCode(400)
                .body("type", equalTo("tag:vru.london.gov.uk,2022:problem/validation"))
                .body("errors.code", hasItems("measure-does-not-fit", "out-of-range", "unknown-code", "duplicate",
                        "unknown-borough", "dates-out-of-order"))
                .body("errors.field", hasItems("outcomes[0].measures[0].measure", "outcomes[1].measures[0].target",
                        "outcomes[2].outcome", "outcomes[3].outcome", "boroughs[1]", "endDate", "priorityGroups[0]"));
        api().auth().oauth2(Tokens.partner(organisation)).get(PATH).then().statusCode(200).body("total", equalTo(0));
        Map<String, Object> none = registration("No outcomes", List.of());
        register(Tokens.partner(organisation), none).then().statusCode(400).body("errors[0].field", equalTo("outcomes"));
        Map<String, Object> unknownRelease = sound("Unknown release");
        unknownRelease.put("release", "7.7.7");
        register(Tokens.partner(organisation), unknownRelease).then().statusCode(400)
                .body("errors[0].code", equalTo("unknown-release"));
    }

    @Test
    void aDeprecatedOutcomeIsRefusedWithItsReplacements() {
        String version = twoReleases()[1];
        String organisation = Organisations.createPartner();
        register(Tokens.partner(organisation), registration("Deprecated", version, "ZA",
                List.of(outcome("ZA-I01"), outcome("ZA-I02")))).then().statusCode(400)
                .body("errors[0].field", equalTo("outcomes[0].outcome"))
                .body("errors[0].code", equalTo("deprecated"))
                .body("errors[0].message", containsString("ZA-I03"));
    }

    @Test
    void updatesNeedTheCurrentETagAndOnlyDraftsChange() {
        String organisation = Organisations.createPartner();
        String token = Tokens.partner(organisation);
        String id = register(token, sound("Versioned")).path("id");
        Map<String, Object> changed = sound("Versioned, renamed");
        api().auth().oauth2(token).contentType("application/json").body(changed).put(PATH + "/" + id).then()
                .statusCode(428);
        api().auth().oauth2(token).contentType("application/json").header("If-Match", "\"0\"").body(changed)
                .put(PATH + "/" + id).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("title", equalTo("Versioned, renamed"));
        api().auth().oauth2(token).contentType("application/json").header("If-Match", "\"0\"").body(sound("Stale"))
                .put(PATH + "/" + id).then().statusCode(412);
        Map<String, Object> moved = sound("Moved");
        moved.put("organisation", Organisations.createPartner());
        api().auth().oauth2(token).contentType("application/json").header("If-Match", "\"1\"").body(moved)
                .put(PATH + "/" + id).then().statusCode(400).body("errors[0].code", equalTo("immutable"));
        api().auth().oauth2(token).post(PATH + "/" + id + "/submit").then().statusCode(200)
                .body("status", equalTo("submitted"));
        api().auth().oauth2(token).contentType("application/json").header("If-Match", "\"2\"").body(changed)
                .put(PATH + "/" + id).then().statusCode(409);
    }

    @Test
    void theLifecycleWithAReturnAndIllegalTransitions() {
        String organisation = Organisations.createPartner();
        String partner = Tokens.partner(organisation);
        String commissioner = Tokens.role("commissioner");
        String id = register(partner, sound("Lifecycle")).path("id");
        String at = PATH + "/" + id;
        api().auth().oauth2(commissioner).contentType("application/json").body("{}").post(at + "/approve").then()
                .statusCode(409);
        api().auth().oauth2(partner).post(at + "/submit").then().statusCode(200);
        api().auth().oauth2(partner).contentType("application/json").body("{}").post(at + "/approve").then()
                .statusCode(403);
        api().auth().oauth2(commissioner).contentType("application/json").body("{}").post(at + "/return").then()
                .statusCode(400).body("errors[0].field", equalTo("reason"));
        api().auth().oauth2(commissioner).contentType("application/json")
                .body("{\"reason\":\"Add a measure for PO-I01\"}").post(at + "/return").then().statusCode(200)
                .body("status", equalTo("returned")).body("statusReason", equalTo("Add a measure for PO-I01"));
        api().auth().oauth2(partner).post(at + "/submit").then().statusCode(200).body("status", equalTo("submitted"));
        api().auth().oauth2(commissioner).contentType("application/json").body("{}").post(at + "/approve").then()
                .statusCode(200).body("status", equalTo("approved"));
        api().auth().oauth2(commissioner).contentType("application/json").body("{}").post(at + "/activate").then()
                .statusCode(200).body("status", equalTo("active"));
        api().auth().oauth2(commissioner).contentType("application/json").body("{}").post(at + "/close").then()
                .statusCode(200).body("status", equalTo("closed"));
        api().auth().oauth2(commissioner).contentType("application/json").body("{}").post(at + "/activate").then()
                .statusCode(409).body("type", equalTo("tag:vru.london.gov.uk,2022:problem/conflict"));
        List<String> actions = api().auth().oauth2(Tokens.admin()).queryParam("targetType", "programme")
                .queryParam("targetId", id).get("/api/v1/audit").jsonPath().getList("items.action");
        assertEquals(List.of("programme.create", "programme.submit", "programme.return", "programme.submit",
                "programme.approve", "programme.activate", "programme.close"), actions);
    }

    @Test
    void partnerBCannotSeeOrTouchPartnerAsProgramme() {
        String a = Organisations.createPartner();
        String id = register(Tokens.partner(a), sound("A's programme")).path("id");
        String b = Tokens.partner(Organisations.createPartner());
        api().auth().oauth2(b).get(PATH + "/" + id).then().statusCode(404);
        api().auth().oauth2(b).contentType("application/json").header("If-Match", "\"0\"").body(sound("Hijack"))
                .put(PATH + "/" + id).then().statusCode(404);
        api().auth().oauth2(b).post(PATH + "/" + id + "/submit").then().statusCode(404);
        api().auth().oauth2(b).get(PATH + "/" + id + "/migration").then().statusCode(404);
        api().auth().oauth2(b).contentType("application/json").header("If-Match", "\"0\"")
                .body("{\"to\":\"latest\",\"choices\":[]}").post(PATH + "/" + id + "/migration").then().statusCode(404);
        api().auth().oauth2(Tokens.partner(a)).get(PATH + "/" + id).then().statusCode(200)
                .body("status", equalTo("draft"));
    }

    @Test
    void listsFilterAndPage() {
        String organisation = Organisations.createPartner();
        String token = Tokens.partner(organisation);
        String marker = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            register(token, sound("List " + marker + " " + i)).then().statusCode(201);
        }
        Map<String, Object> other = registration("List other", List.of(outcome("FA-I01")));
        other.put("boroughs", List.of("E09000001"));
        other.put("primaryPriorityArea", "FA");
        register(token, other).then().statusCode(201);
        JsonPath first = api().auth().oauth2(token).queryParam("size", 2).queryParam("outcome", "RH-I01")
                .get(PATH).then().statusCode(200).body("total", equalTo(3))
                .body("links.next", containsString("outcome=RH-I01")).extract().jsonPath();
        assertEquals(2, first.getList("items").size());
        api().auth().oauth2(token).queryParam("borough", "E09000001").get(PATH).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].title", equalTo("List other"));
        api().auth().oauth2(token).queryParam("priorityArea", "FA").queryParam("status", "draft").get(PATH).then()
                .statusCode(200).body("total", equalTo(1));
        api().auth().oauth2(Tokens.role("commissioner")).queryParam("organisation", organisation).get(PATH).then()
                .statusCode(200).body("total", equalTo(4)).body("items.organisation", hasItem(organisation));
        api().auth().oauth2(token).queryParam("status", "pending").get(PATH).then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
    }

    @Test
    void aMigrationNeedsAChoiceForEachDeprecatedOutcomeAndIsAudited() {
        String[] versions = twoReleases();
        String organisation = Organisations.createPartner();
        String token = Tokens.partner(organisation);
        String id = register(token, registration("Migrating", versions[0], "ZA",
                List.of(outcome("ZA-I01"), outcome("ZA-I02")))).path("id");
        api().auth().oauth2(token).queryParam("to", versions[1]).get(PATH + "/" + id + "/migration").then()
                .statusCode(200).body("from", equalTo(versions[0])).body("to", equalTo(versions[1]))
                .body("choicesNeeded", equalTo(true))
                .body("outcomes.find { it.outcome == 'ZA-I01' }.status", equalTo("deprecated"))
                .body("outcomes.find { it.outcome == 'ZA-I01' }.replacedBy", equalTo(List.of("ZA-I03")))
                .body("outcomes.find { it.outcome == 'ZA-I02' }.status", equalTo("unchanged"));
        api().auth().oauth2(token).contentType("application/json").header("If-Match", "\"0\"")
                .body(Map.of("to", versions[1], "choices", List.of())).post(PATH + "/" + id + "/migration").then()
                .statusCode(400).body("errors[0].code", equalTo("missing-choice"));
        api().auth().oauth2(token).contentType("application/json").header("If-Match", "\"0\"")
                .body(Map.of("to", versions[1], "choices", List.of(Map.of("outcome", "ZA-I01",
                        "replaceWith", List.of("ZA-I03")))))
                .post(PATH + "/" + id + "/migration").then().statusCode(200)
                .body("release", equalTo(versions[1]))
                .body("outcomes.outcome", equalTo(List.of("ZA-I03", "ZA-I02")));
        assertEquals(List.of("programme.create", "programme.migrate"), api().auth().oauth2(Tokens.admin())
                .queryParam("targetId", id).get("/api/v1/audit").jsonPath().getList("items.action"));

        // An approved registration may take only the replacements the release names.
        String approved = register(token, registration("Approved", versions[0], "ZA",
                List.of(outcome("ZA-I01"), outcome("ZA-I02")))).path("id");
        api().auth().oauth2(token).post(PATH + "/" + approved + "/submit").then().statusCode(200);
        api().auth().oauth2(Tokens.role("commissioner")).contentType("application/json").body("{}")
                .post(PATH + "/" + approved + "/approve").then().statusCode(200);
        api().auth().oauth2(token).contentType("application/json").header("If-Match", "\"2\"")
                .body(Map.of("to", versions[1], "choices", List.of(Map.of("outcome", "ZA-I01",
                        "replaceWith", List.of("ZA-I02")))))
                .post(PATH + "/" + approved + "/migration").then().statusCode(400)
                .body("errors[0].code", equalTo("not-a-replacement"));
    }

    /** Two throwaway releases (below 1.0.0): in the second, ZA-I01 is deprecated in favour of ZA-I03. */
    private String[] twoReleases() {
        int minor = ThreadLocalRandom.current().nextInt(1, 1_000_000);
        String first = "0." + minor + ".0";
        String second = "0." + minor + ".1";
        loader.load(document(first, false), ReleaseStatus.PUBLISHED);
        loader.load(document(second, true), ReleaseStatus.PUBLISHED);
        return new String[] { first, second };
    }

    private static ReleaseDocument document(String version, boolean split) {
        var deprecation = split ? new ReleaseDocument.Deprecation(version, List.of("ZA-I03"), "Split") : null;
        List<ReleaseDocument.ProgrammeOutcome> outcomes = new java.util.ArrayList<>(List.of(
                new ReleaseDocument.ProgrammeOutcome("ZA-I01", "First", null, null, deprecation),
                new ReleaseDocument.ProgrammeOutcome("ZA-I02", "Second", null, null, null)));
        if (split) {
            outcomes.add(new ReleaseDocument.ProgrammeOutcome("ZA-I03", "Third", null, null, null));
        }
        var hlo = new ReleaseDocument.HighLevelOutcome("ZA-H01", ReleaseDocument.Level.INDIVIDUAL, "Outcome",
                "Definition", null, outcomes, null);
        var area = new ReleaseDocument.PriorityArea("ZA", 1, "Test area", null, "Objective", null, null,
                List.of(hlo), null, null);
        return new ReleaseDocument(version, "Programme test " + version, null, java.time.LocalDate.of(2026, 1, 1),
                null, null, null, List.of(new ReleaseDocument.ImpactGoal("IG1", "Goal", null, null)), List.of(area),
                null, null, null, null);
    }
}
