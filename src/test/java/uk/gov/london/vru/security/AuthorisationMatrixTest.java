package uk.gov.london.vru.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.gov.london.vru.testsupport.Api.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import uk.gov.london.vru.testsupport.Organisations;
import uk.gov.london.vru.testsupport.Tokens;

/**
 * Every protected endpoint against every role: a role outside the endpoint's list gets 403 (a problem), a role in
 * it does not. Partners act on their own organisation here; other organisations are {@link ObjectScopeTest}.
 */
@QuarkusTest
class AuthorisationMatrixTest {

    /** A protected operation, the roles allowed to call it, and how to call it for a given partner organisation. */
    record Operation(String name, Set<String> allowed, Function<Call, Response> call) {
    }

    /** A caller: its token, and the organisation a partner owns. */
    record Call(String token, String ownOrganisation) {
    }

    static final List<String> ROLES = List.of("partner", "commissioner", "framework-editor", "admin", "no-role");

    static List<Operation> operations() {
        return List.of(
                new Operation("POST /organisations", Set.of("admin"), call -> api().auth().oauth2(call.token())
                        .contentType("application/json")
                        .body("{\"name\":\"Matrix " + UUID.randomUUID() + "\",\"type\":\"school\"}")
                        .post("/api/v1/organisations")),
                new Operation("PUT /organisations/{id}", Set.of("admin", "partner"), call -> {
                    String etag = api().auth().oauth2(Tokens.admin()).get("/api/v1/organisations/"
                            + call.ownOrganisation()).header("ETag");
                    return api().auth().oauth2(call.token()).contentType("application/json").header("If-Match", etag)
                            .body("{\"name\":\"Renamed " + UUID.randomUUID() + "\"}")
                            .put("/api/v1/organisations/" + call.ownOrganisation());
                }),
                new Operation("GET /organisations", Set.of("admin", "commissioner", "partner"),
                        call -> api().auth().oauth2(call.token()).get("/api/v1/organisations")),
                new Operation("GET /organisations/{id}", Set.of("admin", "commissioner", "partner"),
                        call -> api().auth().oauth2(call.token()).get("/api/v1/organisations/" + call.ownOrganisation())),
                new Operation("GET /audit", Set.of("admin"),
                        call -> api().auth().oauth2(call.token()).get("/api/v1/audit?limit=1")),
                new Operation("POST /framework/drafts", Set.of("framework-editor"), call -> api().auth()
                        .oauth2(call.token()).contentType("application/json").body("{\"basedOn\":\"latest\"}")
                        .post("/api/v1/framework/drafts")),
                new Operation("GET /framework/drafts", Set.of("framework-editor"),
                        call -> api().auth().oauth2(call.token()).get("/api/v1/framework/drafts")),
                new Operation("POST /framework/drafts/{id}/changes", Set.of("framework-editor"), call -> api().auth()
                        .oauth2(call.token()).contentType("application/json").header("If-Match", "\"0\"")
                        .body("{\"changes\":[{\"op\":\"reword\",\"code\":\"RH-H01\",\"fields\":{\"note\":\"x\"}}]}")
                        .post("/api/v1/framework/drafts/" + editorDraft() + "/changes")),
                new Operation("POST /framework/drafts/{id}/publish", Set.of("framework-editor"), call -> api().auth()
                        .oauth2(call.token()).contentType("application/json")
                        .body("{\"version\":\"9.9.9\",\"dryRun\":true}")
                        .post("/api/v1/framework/drafts/" + editorDraft() + "/publish")),
                new Operation("POST /framework/releases/{v}/deprecate", Set.of("framework-editor"), call -> api()
                        .auth().oauth2(call.token()).contentType("application/json").body("{}")
                        .post("/api/v1/framework/releases/9.9.9/deprecate")),
                new Operation("POST /framework/releases/{v}/withdraw", Set.of("framework-editor"), call -> api()
                        .auth().oauth2(call.token()).contentType("application/json").body("{\"reason\":\"x\"}")
                        .post("/api/v1/framework/releases/9.9.9/withdraw")),
                new Operation("POST /webhooks", Set.of("admin"), call -> api().auth().oauth2(call.token())
                        .contentType("application/json").body("{\"url\":\"https://not-allowed.example/\"}")
                        .post("/api/v1/webhooks")),
                new Operation("GET /webhooks", Set.of("admin"),
                        call -> api().auth().oauth2(call.token()).get("/api/v1/webhooks")),
                new Operation("DELETE /webhooks/{id}", Set.of("admin"), call -> api().auth().oauth2(call.token())
                        .delete("/api/v1/webhooks/00000000-0000-4000-8000-000000000000")),
                new Operation("POST /programmes", Set.of("partner", "admin"), call -> api().auth()
                        .oauth2(call.token()).contentType("application/json")
                        .body(programme(call.ownOrganisation())).post("/api/v1/programmes")),
                new Operation("GET /programmes", Set.of("partner", "commissioner", "admin"),
                        call -> api().auth().oauth2(call.token()).get("/api/v1/programmes")),
                new Operation("POST /programmes/{id}/submit", Set.of("partner", "admin"), call -> api().auth()
                        .oauth2(call.token()).post("/api/v1/programmes/" + ownProgramme(call.ownOrganisation())
                                + "/submit")),
                new Operation("POST /programmes/{id}/approve", Set.of("commissioner", "admin"), call -> api().auth()
                        .oauth2(call.token()).contentType("application/json").body("{}")
                        .post("/api/v1/programmes/" + ownProgramme(call.ownOrganisation()) + "/approve")),
                new Operation("GET /me", Set.of("admin", "commissioner", "partner", "framework-editor", "no-role"),
                        call -> api().auth().oauth2(call.token()).get("/api/v1/me")));
    }

    static Map<String, Object> programme(String organisation) {
        Map<String, Object> registration = uk.gov.london.vru.testsupport.Programmes.registration("Matrix",
                List.of(uk.gov.london.vru.testsupport.Programmes.outcome("RH-I01")));
        registration.put("organisation", organisation);
        return registration;
    }

    /** A draft programme of the organisation, registered by an administrator. */
    static String ownProgramme(String organisation) {
        return api().auth().oauth2(Tokens.admin()).contentType("application/json").body(programme(organisation))
                .post("/api/v1/programmes").then().statusCode(201).extract().path("id");
    }

    /** A fresh open draft, made by a framework editor. */
    static String editorDraft() {
        return api().auth().oauth2(Tokens.role("framework-editor")).contentType("application/json")
                .body("{\"basedOn\":\"latest\"}").post("/api/v1/framework/drafts").then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void everyRoleAgainstEveryProtectedOperation() {
        List<String> wrong = new ArrayList<>();
        for (Operation operation : operations()) {
            for (String role : ROLES) {
                String organisation = Organisations.createPartner();
                String token = switch (role) {
                    case "partner" -> Tokens.partner(organisation);
                    case "no-role" -> Tokens.mint(Map.of("sub", "someone"));
                    default -> Tokens.role(role);
                };
                Response response = operation.call().apply(new Call(token, organisation));
                boolean allowed = operation.allowed().contains(role);
                int status = response.statusCode();
                if (allowed ? status == 403 || status >= 500 : status != 403) {
                    wrong.add(operation.name() + " as " + role + " answered " + status);
                }
                if (status == 403) {
                    response.then().contentType("application/problem+json")
                            .body("type", equalTo("tag:vru.london.gov.uk,2022:problem/forbidden"));
                } else {
                    response.then().statusCode(not(equalTo(401)));
                }
            }
        }
        assertEquals(List.of(), wrong);
    }
}
