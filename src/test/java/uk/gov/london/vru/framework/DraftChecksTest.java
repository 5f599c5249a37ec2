package uk.gov.london.vru.framework;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.gov.london.vru.testsupport.Api.api;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.gov.london.vru.testsupport.Tokens;

/** Edits apply all or none; publishing lists every failed check at once; a dry run changes nothing. */
@QuarkusTest
class DraftChecksTest {

    static final String DRAFTS = "/api/v1/framework/drafts";

    /** The latest release and the versions each kind of bump from it would give: drafts here are based on it. */
    static String latest() {
        return api().get("/api/v1/framework/releases/latest").path("version");
    }

    static String bump(String kind) {
        SemanticVersion base = SemanticVersion.parse(latest()).orElseThrow();
        return ReleaseDiff.Bump.valueOf(kind).apply(base).toString();
    }

    static String draft(String editor) {
        return DRAFTS + "/" + api().auth().oauth2(editor).contentType("application/json").body("{\"basedOn\":\"latest\"}")
                .post(DRAFTS).then().statusCode(201).extract().path("id");
    }

    @Test
    void aBatchWithOneBadEditChangesNothingAndNamesEachBadEdit() {
        String editor = Tokens.role("framework-editor");
        String draft = draft(editor);
        String before = api().auth().oauth2(editor).get(draft).asString();
        api().auth().oauth2(editor).contentType("application/json").header("If-Match", "\"0\"").body("""
                {"changes": [
                  {"op": "reword", "code": "RH-I01", "fields": {"title": "Reduced re-offending"}},
                  {"op": "add", "kind": "programme-outcome", "code": "RH-I01", "parent": "RH-H01", "fields": {"title": "Dup"}},
                  {"op": "move", "code": "IG1", "parent": "RH"},
                  {"op": "deprecate", "code": "XX-I99"},
                  {"op": "add", "kind": "programme-outcome", "code": "RH-I30", "parent": "RH", "fields": {"title": "Wrong parent"}},
                  {"op": "reword", "code": "RH-I02", "fields": {"level": "community"}}
                ]}""").post(draft + "/changes").then().statusCode(400)
                .body("errors.field", equalTo(List.of("changes[1].code", "changes[2].code", "changes[3].code",
                        "changes[4].parent", "changes[5].fields.level")));
        assertEquals(before, api().auth().oauth2(editor).get(draft).asString());
    }

    @Test
    void publishingListsEveryFailedCheckAndADryRunStoresNothing() {
        String editor = Tokens.role("framework-editor");
        String latest = latest();
        JsonPath base = api().get("/api/v1/framework/releases/" + latest).jsonPath();
        Map<String, Object> document = base.getMap("");
        // An uploaded document that drops RH-I01 without deprecating it and deprecates RH-I02 in favour of a
        // code that does not exist.
        String uploaded = api().get("/api/v1/framework/releases/" + latest).asString()
                .replaceFirst("\\{\"code\":\"RH-I01\",[^}]*\\},", "")
                .replaceFirst("(\\{\"code\":\"RH-I02\",\"title\":\"[^\"]*\",\"level\":\"individual\")",
                        "$1,\"deprecated\":{\"replacedBy\":[\"RH-I99\"]}");
        assertTrue(uploaded.length() < api().get("/api/v1/framework/releases/" + latest).asString().length() + 100);
        String draft = DRAFTS + "/" + api().auth().oauth2(editor).contentType("application/json")
                .body("{\"basedOn\":\"" + latest + "\",\"document\":" + uploaded + "}").post(DRAFTS).then().statusCode(201)
                .extract().path("id");
        api().auth().oauth2(editor).contentType("application/json")
                .body("{\"version\":\"" + bump("PATCH") + "\",\"dryRun\":true}")
                .post(draft + "/publish").then().statusCode(400)
                .body("errors.code", hasItems("missing-disposition", "dangling-reference", "version-bump"))
                .body("errors.find { it.code == 'missing-disposition' }.field", equalTo("concepts.RH-I01"));
        api().get("/api/v1/framework/releases/" + bump("PATCH")).then().statusCode(404);
        assertEquals(latest, document.get("version"));
    }

    @Test
    void aDraftWithNoChangeCannotBePublished() {
        String editor = Tokens.role("framework-editor");
        String draft = draft(editor);
        api().auth().oauth2(editor).contentType("application/json")
                .body("{\"version\":\"" + bump("PATCH") + "\",\"dryRun\":true}")
                .post(draft + "/publish").then().statusCode(400).body("errors.code", hasItems("no-changes"));
    }

    @Test
    void aWordingFixAloneIsAPatch() {
        String editor = Tokens.role("framework-editor");
        String draft = draft(editor);
        api().auth().oauth2(editor).contentType("application/json").header("If-Match", "\"0\"").body("""
                {"changes": [{"op": "reword", "code": "RH-H01", "fields": {"note": "Editorial note only."}}]}""")
                .post(draft + "/changes").then().statusCode(200);
        api().auth().oauth2(editor).contentType("application/json")
                .body("{\"version\":\"" + bump("PATCH") + "\",\"dryRun\":true}")
                .post(draft + "/publish").then().statusCode(200).body("requiredBump", equalTo("patch"));
    }

    @Test
    void anAdditionIsAMinorRelease() {
        String editor = Tokens.role("framework-editor");
        String draft = draft(editor);
        api().auth().oauth2(editor).contentType("application/json").header("If-Match", "\"0\"").body("""
                {"changes": [{"op": "add", "kind": "output-type", "code": "OT-SESSIONS-X",
                  "fields": {"name": "Sessions delivered", "unit": "count"}}]}""")
                .post(draft + "/changes").then().statusCode(200);
        api().auth().oauth2(editor).contentType("application/json")
                .body("{\"version\":\"" + bump("MAJOR") + "\",\"dryRun\":true}")
                .post(draft + "/publish").then().statusCode(400)
                .body("errors.find { it.code == 'version-bump' }.message",
                        org.hamcrest.Matchers.containsString(bump("MINOR")));
    }

    @Test
    void onlyFrameworkEditorsDraft() {
        api().auth().oauth2(Tokens.role("commissioner")).contentType("application/json").body("{}").post(DRAFTS)
                .then().statusCode(403);
        api().auth().oauth2(Tokens.role("framework-editor")).get(DRAFTS + "/00000000-0000-4000-8000-000000000000")
                .then().statusCode(404);
    }
}
