package uk.gov.london.vru.testsupport;

import java.util.List;
import java.util.Map;

/** Registration payloads for tests. */
public final class Programmes {

    private Programmes() {
    }

    /** A sound registration against release 1.0.0, with the given outcomes as {outcome, measures} maps. */
    public static Map<String, Object> registration(String title, List<Map<String, Object>> outcomes) {
        return registration(title, "1.0.0", "RH", outcomes);
    }

    public static Map<String, Object> registration(String title, String release, String area,
            List<Map<String, Object>> outcomes) {
        return new java.util.LinkedHashMap<>(Map.of(
                "title", title,
                "description", "Mentoring for young people at risk",
                "primaryPriorityArea", area,
                "boroughs", List.of("E09000012", "E09000030"),
                "startDate", "2025-04-01",
                "endDate", "2027-03-31",
                "fundingStream", "Violence Reduction Fund",
                "release", release,
                "outcomes", outcomes));
    }

    /** An approved programme of the organisation selecting RH-I01 (police data) and PO-I01 (WEMWBS), via HTTP. */
    public static String approved(String organisation) {
        Map<String, Object> registration = registration("Reporting " + java.util.UUID.randomUUID(), List.of(
                outcome("RH-I01", "M-POLICE-RECORDED-GBH", 10), outcome("PO-I01", "M-WEMWBS", 50)));
        registration.put("outputs", List.of(Map.of("outputType", "OT-TRAININGS", "quarterlyTarget", 4)));
        String id = Api.api().auth().oauth2(Tokens.partner(organisation)).contentType("application/json")
                .body(registration).post("/api/v1/programmes").then().statusCode(201).extract().path("id");
        Api.api().auth().oauth2(Tokens.partner(organisation)).post("/api/v1/programmes/" + id + "/submit").then()
                .statusCode(200);
        Api.api().auth().oauth2(Tokens.role("commissioner")).contentType("application/json").body("{}")
                .post("/api/v1/programmes/" + id + "/approve").then().statusCode(200);
        return id;
    }

    public static Map<String, Object> outcome(String code, Object... measureAndTarget) {
        List<Map<String, Object>> measures = new java.util.ArrayList<>();
        for (int i = 0; i < measureAndTarget.length; i += 2) {
            measures.add(Map.of("measure", measureAndTarget[i], "target", measureAndTarget[i + 1]));
        }
        return measures.isEmpty() ? Map.of("outcome", code) : Map.of("outcome", code, "measures", measures);
    }
}
