package uk.gov.london.vru.security;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.gov.london.vru.testsupport.Api.api;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.gov.london.vru.testsupport.Organisations;
import uk.gov.london.vru.testsupport.Tokens;

/** A partner sees and changes only its own organisation's objects; another's answers as if it did not exist. */
@QuarkusTest
class ObjectScopeTest {

    @Test
    void partnerAReadingPartnerBsOrganisationGetsTheSame404AsForNoOrganisation() {
        String a = Organisations.createPartner();
        String b = Organisations.createPartner();
        String tokenA = Tokens.partner(a);
        JsonPath other = api().auth().oauth2(tokenA).get("/api/v1/organisations/" + b).then().statusCode(404)
                .contentType("application/problem+json").extract().jsonPath();
        String missing = "00000000-0000-4000-8000-000000000000";
        JsonPath none = api().auth().oauth2(tokenA).get("/api/v1/organisations/" + missing).then().statusCode(404)
                .extract().jsonPath();
        assertEquals(none.getString("type"), other.getString("type"));
        assertEquals(none.getString("title"), other.getString("title"));
        assertEquals(none.getString("detail").replace(missing, b), other.getString("detail"));
        api().auth().oauth2(tokenA).get("/api/v1/organisations/" + a).then().statusCode(200).body("id", equalTo(a));
    }

    @Test
    void partnerACannotUpdatePartnerBsOrganisation() {
        String a = Organisations.createPartner();
        String b = Organisations.createPartner();
        String etag = api().auth().oauth2(Tokens.admin()).get("/api/v1/organisations/" + b).header("ETag");
        api().auth().oauth2(Tokens.partner(a)).contentType("application/json").header("If-Match", etag)
                .body("{\"name\":\"Hijacked\"}").put("/api/v1/organisations/" + b).then().statusCode(404);
        api().auth().oauth2(Tokens.admin()).get("/api/v1/organisations/" + b).then().statusCode(200)
                .header("ETag", equalTo(etag));
    }

    @Test
    void aPartnersListHoldsOnlyItsOwnOrganisation() {
        String a = Organisations.createPartner();
        Organisations.createPartner();
        JsonPath page = api().auth().oauth2(Tokens.partner(a)).get("/api/v1/organisations").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(a), page.getList("items.id"));
        assertEquals(1, page.getInt("total"));
    }

    @Test
    void aPartnerWithAnotherRoleIsStillLimitedToItsOrganisation() {
        String a = Organisations.createPartner();
        String b = Organisations.createPartner();
        String token = Tokens.mint(Map.of("role", "partner,framework-editor", "organisation", a, "sub", "dual"));
        api().auth().oauth2(token).get("/api/v1/organisations/" + b).then().statusCode(404);
        api().auth().oauth2(token).get("/api/v1/organisations/" + a).then().statusCode(200);
    }

    @Test
    void aPartnerTokenWithoutAnOrganisationIsForbidden() {
        String token = Tokens.mint(Map.of("role", "partner", "sub", "orphan"));
        api().auth().oauth2(token).get("/api/v1/organisations").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void commissionersSeeEveryOrganisation() {
        String a = Organisations.createPartner();
        String b = Organisations.createPartner();
        String token = Tokens.role("commissioner");
        api().auth().oauth2(token).get("/api/v1/organisations/" + a).then().statusCode(200);
        api().auth().oauth2(token).get("/api/v1/organisations/" + b).then().statusCode(200);
    }
}
