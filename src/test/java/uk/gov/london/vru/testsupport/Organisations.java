package uk.gov.london.vru.testsupport;

import static uk.gov.london.vru.testsupport.Api.api;

import java.util.UUID;

/** Creates organisations under unique names, as an administrator, through the API. */
public final class Organisations {

    private Organisations() {
    }

    /** A new organisation's id. */
    public static String create(String type) {
        return api().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body("{\"name\":\"Test organisation " + UUID.randomUUID() + "\",\"type\":\"" + type + "\"}")
                .post("/api/v1/organisations").then().statusCode(201).extract().path("id");
    }

    public static String createPartner() {
        return create("grassroots");
    }
}
