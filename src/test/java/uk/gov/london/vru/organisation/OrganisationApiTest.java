package uk.gov.london.vru.organisation;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static uk.gov.london.vru.testsupport.Api.api;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import uk.gov.london.vru.testsupport.Organisations;
import uk.gov.london.vru.testsupport.Tokens;

/** Registering and changing organisations: validation, server-owned fields, optimistic concurrency, paging. */
@QuarkusTest
class OrganisationApiTest {

    static final String PATH = "/api/v1/organisations";

    @Test
    void anAdminRegistersAnOrganisation() {
        String name = "Hackney Youth Trust " + UUID.randomUUID();
        Response created = api().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body("{\"name\":\"" + name + "\",\"type\":\"voluntary-sector\",\"charityNumber\":\"1098765\","
                        + "\"companyNumber\":\"SC123456\"}")
                .post(PATH);
        created.then().statusCode(201)
                .header("ETag", equalTo("\"0\""))
                .body("name", equalTo(name))
                .body("type", equalTo("voluntary-sector"))
                .body("charityNumber", equalTo("1098765"));
        String id = created.path("id");
        created.then().header("Location", endsWith(PATH + "/" + id));
        api().auth().oauth2(Tokens.admin()).get(PATH + "/" + id).then().statusCode(200)
                .body("name", equalTo(name)).body("createdAt", equalTo(created.path("createdAt")));
    }

    @Test
    void everyInvalidFieldIsListedInOneProblem() {
        api().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body("{\"name\":\" \",\"type\":\"school\",\"charityNumber\":\"12\",\"companyNumber\":\"ABC\"}")
                .post(PATH).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("tag:vru.london.gov.uk,2022:problem/validation"))
                .body("errors.field", hasItems("name", "charityNumber", "companyNumber"));
        api().auth().oauth2(Tokens.admin()).contentType("application/json").body("{\"name\":\"X\",\"type\":\"pirate\"}")
                .post(PATH).then().statusCode(400).body("errors[0].field", equalTo("type"));
        api().auth().oauth2(Tokens.admin()).contentType("application/json").post(PATH).then().statusCode(400);
    }

    @Test
    void serverOwnedFieldsCannotBeSet() {
        for (String field : new String[] { "\"id\":\"00000000-0000-4000-8000-000000000001\"", "\"version\":7",
                "\"createdAt\":\"2020-01-01T00:00:00Z\"", "\"owner\":\"me\"" }) {
            api().auth().oauth2(Tokens.admin()).contentType("application/json")
                    .body("{\"name\":\"Sneaky " + UUID.randomUUID() + "\",\"type\":\"school\"," + field + "}")
                    .post(PATH).then().statusCode(400)
                    .body("errors[0].code", equalTo("unknown-property"));
        }
        String id = Organisations.createPartner();
        String etag = api().auth().oauth2(Tokens.admin()).get(PATH + "/" + id).header("ETag");
        api().auth().oauth2(Tokens.partner(id)).contentType("application/json").header("If-Match", etag)
                .body("{\"name\":\"Now a commissioner\",\"type\":\"commissioner\"}")
                .put(PATH + "/" + id).then().statusCode(400).body("errors[0].field", equalTo("type"));
    }

    @Test
    void aDuplicateNameIsAConflict() {
        String name = "Duplicate " + UUID.randomUUID();
        String body = "{\"name\":\"" + name + "\",\"type\":\"school\"}";
        api().auth().oauth2(Tokens.admin()).contentType("application/json").body(body).post(PATH).then().statusCode(201);
        api().auth().oauth2(Tokens.admin()).contentType("application/json").body(body.replace(name, name.toUpperCase()))
                .post(PATH).then().statusCode(409)
                .body("type", equalTo("tag:vru.london.gov.uk,2022:problem/conflict"))
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void updatesNeedTheCurrentETag() {
        String id = Organisations.createPartner();
        String token = Tokens.partner(id);
        String etag = api().auth().oauth2(token).get(PATH + "/" + id).header("ETag");

        api().auth().oauth2(token).contentType("application/json").body("{\"name\":\"No precondition\"}")
                .put(PATH + "/" + id).then().statusCode(428)
                .body("type", equalTo("tag:vru.london.gov.uk,2022:problem/precondition-required"));

        String renamed = "Renamed " + UUID.randomUUID();
        String newTag = api().auth().oauth2(token).contentType("application/json").header("If-Match", etag)
                .body("{\"name\":\"" + renamed + "\",\"charityNumber\":\"SC012345\"}").put(PATH + "/" + id).then()
                .statusCode(200).body("name", equalTo(renamed)).body("charityNumber", equalTo("SC012345"))
                .extract().header("ETag");
        assertNotEquals(etag, newTag);

        api().auth().oauth2(token).contentType("application/json").header("If-Match", etag)
                .body("{\"name\":\"Stale write\"}").put(PATH + "/" + id).then().statusCode(412)
                .body("type", equalTo("tag:vru.london.gov.uk,2022:problem/precondition-failed"));
        api().auth().oauth2(token).get(PATH + "/" + id).then().body("name", equalTo(renamed))
                .body("companyNumber", nullValue());
    }

    @Test
    void listsArePagedInAStableOrderWithLinks() {
        for (int i = 0; i < 3; i++) {
            Organisations.createPartner();
        }
        String admin = Tokens.admin();
        var first = api().auth().oauth2(admin).queryParam("size", 2).get(PATH).then().statusCode(200)
                .body("page", equalTo(1)).body("size", equalTo(2))
                .body("links.self", equalTo(PATH + "?size=2&page=1"))
                .body("links.next", equalTo(PATH + "?size=2&page=2"))
                .body("links.prev", nullValue())
                .extract().jsonPath();
        var second = api().auth().oauth2(admin).get(first.getString("links.next")).then().statusCode(200)
                .body("links.prev", equalTo(PATH + "?size=2&page=1")).extract().jsonPath();
        assertEquals(2, first.getList("items").size());
        assertNotEquals(first.getList("items.id"), second.getList("items.id"));
        api().auth().oauth2(admin).queryParam("size", 0).get(PATH).then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
        api().auth().oauth2(admin).queryParam("page", "x").get(PATH).then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
        api().auth().oauth2(admin).queryParam("size", 2).get(PATH).then()
                .body("items.id", equalTo(first.getList("items.id")))
                .body("total", not(equalTo(0)));
    }
}
