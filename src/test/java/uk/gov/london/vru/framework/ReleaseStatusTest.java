package uk.gov.london.vru.framework;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static uk.gov.london.vru.testsupport.Api.api;

import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.gov.london.vru.testsupport.Tokens;

/**
 * Deprecating and withdrawing releases. Two throwaway 0.x releases are loaded in-process (below 1.0.0, so that
 * nothing else sees them as latest); everything after that is HTTP.
 */
@QuarkusTest
class ReleaseStatusTest {

    static final String RELEASES = "/api/v1/framework/releases";

    @Inject
    ReleaseLoader loader;

    @Test
    void aDeprecatedReleaseIsStillServedWithADeprecationHeaderAndItsSuccessor() {
        int minor = ThreadLocalRandom.current().nextInt(1, 1_000_000);
        String old = "0." + minor + ".0";
        String next = "0." + minor + ".1";
        loader.load(ReleaseLoaderTest.minimalDocument(old), ReleaseStatus.PUBLISHED);
        loader.load(ReleaseLoaderTest.minimalDocument(next), ReleaseStatus.PUBLISHED);
        String editor = Tokens.role("framework-editor");
        // Served (and so known to the service's short-lived release state) before the change: the change must show
        // at once all the same (the test profile keeps that state for an hour, so only clearing it on commit can).
        api().get(RELEASES + "/" + old).then().statusCode(200).header("Deprecation", equalTo(null))
                .header("Cache-Control", org.hamcrest.Matchers.containsString("immutable"));

        api().auth().oauth2(Tokens.role("partner")).contentType("application/json").body("{}")
                .post(RELEASES + "/" + old + "/deprecate").then().statusCode(403);
        api().auth().oauth2(editor).contentType("application/json").body("{\"successor\":\"" + old + "\"}")
                .post(RELEASES + "/" + old + "/deprecate").then().statusCode(400)
                .body("errors[0].field", equalTo("successor"));
        api().auth().oauth2(editor).contentType("application/json")
                .body("{\"successor\":\"" + next + "\",\"reason\":\"Superseded\"}")
                .post(RELEASES + "/" + old + "/deprecate").then().statusCode(200)
                .body("status", equalTo("deprecated")).body("successor", equalTo(next));
        api().get(RELEASES + "/" + old).then().statusCode(200)
                .header("Deprecation", matchesPattern("@\\d+"))
                .header("Link", equalTo("<" + RELEASES + "/" + next + ">; rel=\"successor-version\""));
        api().get(RELEASES + "/" + next).then().statusCode(200).header("Deprecation", equalTo(null));
        api().auth().oauth2(editor).contentType("application/json").body("{}")
                .post(RELEASES + "/" + old + "/deprecate").then().statusCode(409);

        api().auth().oauth2(editor).contentType("application/json").body("{}")
                .post(RELEASES + "/" + old + "/withdraw").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        api().auth().oauth2(editor).contentType("application/json").body("{\"reason\":\"Published in error\"}")
                .post(RELEASES + "/" + old + "/withdraw").then().statusCode(200)
                .body("status", equalTo("withdrawn")).body("statusReason", equalTo("Published in error"));
        api().auth().oauth2(editor).contentType("application/json").body("{\"reason\":\"Again\"}")
                .post(RELEASES + "/" + old + "/withdraw").then().statusCode(409);

        api().queryParam("limit", 500).get("/api/v1/framework/events").then().statusCode(200)
                .body("items.findAll { it.release.version == '" + old + "' }.type",
                        equalTo(java.util.List.of("release.deprecated", "release.withdrawn")));
    }

    @Test
    void theFeedRefusesABadCursor() {
        api().queryParam("after", "-1").get("/api/v1/framework/events").then().statusCode(400)
                .body("errors[0].field", equalTo("after"));
    }
}
