package uk.gov.london.vru.framework;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.gov.london.vru.testsupport.Api.api;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The published framework through HTTP: releases, concepts, filters, CSV, caching and errors. */
@QuarkusTest
class ReleaseApiTest {

    static final String RELEASES = "/api/v1/framework/releases";

    @Test
    void listsTheDecember2022EditionAsPublishedWithItsContentHash() {
        JsonPath list = api().get(RELEASES).then().statusCode(200)
                .header("Cache-Control", containsString("no-cache"))
                .header("ETag", startsWith("\"sha256:"))
                .extract().jsonPath();
        Map<String, Object> release = list.getMap("items.find { it.version == '1.0.0' }");
        assertEquals("published", release.get("status"));
        assertEquals("2022-12-01", release.get("publishedOn"));
        assertEquals(RELEASES + "/1.0.0", release.get("href"));
        assertTrue(((String) release.get("contentHash")).matches("sha256:[0-9a-f]{64}"));
    }

    @Test
    void servesAPublishedReleaseAsImmutableBytesWhoseHashIsItsETag() throws Exception {
        String hash = api().get(RELEASES).jsonPath().getString("items.find { it.version == '1.0.0' }.contentHash");
        Response first = identity().get(RELEASES + "/1.0.0");
        first.then().statusCode(200)
                .contentType("application/json")
                .header("Content-Encoding", nullValue())
                .header("ETag", equalTo("\"" + hash + "\""))
                .header("Cache-Control", containsString("immutable"))
                .header("Cache-Control", containsString("max-age=31536000"));
        byte[] bytes = first.asByteArray();
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(hash, digest, "the ETag is the SHA-256 of the bytes served");
        assertArrayEquals(bytes, identity().get(RELEASES + "/1.0.0").asByteArray(), "byte-stable across requests");
    }

    @Test
    void aClientThatAcceptsGzipGetsTheStoredGzipCodingWithAnETagOfItsOwn() throws Exception {
        String hash = api().get(RELEASES).jsonPath().getString("items.find { it.version == '1.0.0' }.contentHash");
        byte[] plain = identity().get(RELEASES + "/1.0.0").then().statusCode(200)
                .header("Vary", containsString("Accept-Encoding")).extract().asByteArray();
        for (String acceptEncoding : List.of("gzip", "br;q=1.0, gzip;q=0.8", "deflate, *")) {
            Response gzipped = raw().header("Accept-Encoding", acceptEncoding).get(RELEASES + "/1.0.0");
            gzipped.then().statusCode(200)
                    .contentType("application/json")
                    .header("Content-Encoding", equalTo("gzip"))
                    .header("Vary", containsString("Accept-Encoding"))
                    .header("Cache-Control", containsString("immutable"))
                    .header("ETag", equalTo("\"" + hash + "-gzip\""));
            byte[] coded = gzipped.asByteArray();
            assertTrue(coded.length * 3 < plain.length, "compressed: " + coded.length + " of " + plain.length);
            try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                    new java.io.ByteArrayInputStream(coded))) {
                assertArrayEquals(plain, in.readAllBytes(), "the same document (" + acceptEncoding + ")");
            }
        }
        for (String refused : List.of("gzip;q=0", "identity", "br", "*;q=0", "gzip;q=0, *")) {
            raw().header("Accept-Encoding", refused).get(RELEASES + "/1.0.0").then().statusCode(200)
                    .header("Content-Encoding", nullValue())
                    .header("ETag", equalTo("\"" + hash + "\""));
        }
        // Each coding revalidates against its own tag.
        raw().header("Accept-Encoding", "gzip").header("If-None-Match", "\"" + hash + "-gzip\"")
                .get(RELEASES + "/1.0.0").then().statusCode(304).header("ETag", equalTo("\"" + hash + "-gzip\""))
                .header("Content-Encoding", nullValue()).body(emptyString());
        raw().header("Accept-Encoding", "gzip").header("If-None-Match", "\"" + hash + "\"")
                .get(RELEASES + "/1.0.0").then().statusCode(200).header("Content-Encoding", equalTo("gzip"));
    }

    @Test
    void theSkosRepresentationsAreGzippedOnRequestToo() throws Exception {
        byte[] plain = identity().accept("text/turtle").get(RELEASES + "/1.0.0").then().statusCode(200)
                .extract().asByteArray();
        Response gzipped = raw().accept("text/turtle").header("Accept-Encoding", "gzip").get(RELEASES + "/1.0.0");
        gzipped.then().statusCode(200).header("Content-Encoding", equalTo("gzip"))
                .header("ETag", matchesPattern("\"sha256:[0-9a-f]{64}-gzip\""));
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(gzipped.asByteArray()))) {
            assertArrayEquals(plain, in.readAllBytes());
        }
    }

    /** A request for the identity coding only (REST Assured otherwise asks for gzip and decodes it unseen). */
    private static io.restassured.specification.RequestSpecification identity() {
        return raw().header("Accept-Encoding", "identity");
    }

    /**
     * A request whose content coding is left as sent: no Accept-Encoding unless the test adds one, no decoding. Not
     * checked against the contract, whose validator cannot read gzipped bytes; every other test's request asks for
     * gzip (REST Assured does by default) and has the decoded answer checked.
     */
    private static io.restassured.specification.RequestSpecification raw() {
        return io.restassured.RestAssured.given().config(io.restassured.config.RestAssuredConfig.config().decoderConfig(
                io.restassured.config.DecoderConfig.decoderConfig().noContentDecoders()));
    }

    @Test
    void theWholeReleaseHoldsEveryPartOfTheFramework() {
        JsonPath release = api().get(RELEASES + "/1.0.0").then().statusCode(200).extract().jsonPath();
        assertEquals("1.0.0", release.getString("version"));
        assertEquals(List.of("IG1", "IG2", "IG3"), release.getList("impactGoals.code"));
        assertEquals(List.of("RH", "PO", "FA", "ED", "CP", "SS"), release.getList("priorityAreas.code"));
        assertEquals(List.of("SS-S01", "SS-S02", "SS-S03", "SS-S04"),
                release.getList("priorityAreas.find { it.code == 'SS' }.systemsOutcomes.code"));
        assertFalse(release.getList("priorityAreas.strategicObjective").contains(null));
        List<String> definitions = release.getList("priorityAreas.highLevelOutcomes.flatten().definition");
        assertFalse(definitions.isEmpty());
        assertFalse(definitions.contains(null), "every high-level outcome has its definition");
        List<String> levels = release.getList("priorityAreas.highLevelOutcomes.flatten().programmeOutcomes.flatten().level");
        assertTrue(levels.containsAll(List.of("individual", "organisational", "community")));
        assertEquals(List.of("PG-YWG", "PG-MIN", "PG-SEND"), release.getList("priorityGroups.code"));
        assertFalse(release.getList("outputTypes").isEmpty());
        assertFalse(release.getList("logicModel.activities").isEmpty());
        assertEquals(List.of("IG1", "IG2", "IG3"), release.getList("logicModel.impact"));
    }

    @Test
    void measuresIncludeTheDocumentsThreeExamples() {
        JsonPath wemwbs = api().get(RELEASES + "/1.0.0/measures/M-WEMWBS").then().statusCode(200).extract().jsonPath();
        assertEquals("validated-tool", wemwbs.getString("kind"));
        assertEquals("score", wemwbs.getString("valueType"));
        assertEquals(14, wemwbs.getInt("range.min"));
        assertEquals(70, wemwbs.getInt("range.max"));
        assertEquals("higher-is-better", wemwbs.getString("direction"));

        JsonPath all = api().get(RELEASES + "/1.0.0/measures").then().statusCode(200).extract().jsonPath();
        assertEquals(all.getInt("count"), all.getList("items").size());
        assertTrue(all.getList("items.kind").containsAll(List.of("administrative-data", "validated-tool", "survey")));
    }

    @Test
    void outcomesFilterByPriorityAreaLevelParentAndText() {
        JsonPath community = api().queryParam("priorityArea", "CP").queryParam("level", "community")
                .get(RELEASES + "/1.0.0/outcomes").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = community.getList("items");
        assertFalse(items.isEmpty());
        assertEquals(items.size(), community.getInt("count"));
        items.forEach(item -> {
            assertEquals("CP", item.get("priorityArea"));
            assertEquals("community", item.get("level"));
        });

        api().queryParam("q", "WELLBEING").get(RELEASES + "/1.0.0/outcomes").then().statusCode(200)
                .body("items.title*.toLowerCase()", everyItem(containsString("wellbeing")))
                .body("items.code", hasItem("PO-I01"));

        api().queryParam("highLevelOutcome", "RH-H01").get(RELEASES + "/1.0.0/outcomes").then().statusCode(200)
                .body("items.highLevelOutcome", everyItem(equalTo("RH-H01")))
                .body("items.code", hasItem("RH-I01"));

        int all = api().get(RELEASES + "/1.0.0/outcomes").jsonPath().getInt("count");
        int filtered = api().queryParam("level", "individual").get(RELEASES + "/1.0.0/outcomes").jsonPath()
                .getInt("count");
        assertTrue(filtered > 0 && filtered < all);
    }

    @Test
    void invalidFiltersAreOneValidationProblemListingEach() {
        api().queryParam("level", "galactic").queryParam("priorityArea", "rh; drop table")
                .queryParam("q", "x".repeat(201))
                .get(RELEASES + "/1.0.0/outcomes").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("tag:vru.london.gov.uk,2022:problem/validation"))
                .body("errors.field", equalTo(List.of("level", "priorityArea", "q")));
    }

    @Test
    void anUnknownButWellFormedFilterValueMatchesNothing() {
        api().queryParam("priorityArea", "ZZ").get(RELEASES + "/1.0.0/outcomes").then().statusCode(200)
                .body("count", equalTo(0));
    }

    @Test
    void outcomesAsCsvHoldTheSameRowsAsJson() throws Exception {
        JsonPath json = api().queryParam("priorityArea", "FA").get(RELEASES + "/1.0.0/outcomes").jsonPath();
        Response csv = api().accept("text/csv").queryParam("priorityArea", "FA").get(RELEASES + "/1.0.0/outcomes");
        csv.then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("vru-outcomes-1.0.0.csv"));
        var mapper = new com.fasterxml.jackson.dataformat.csv.CsvMapper();
        List<Map<String, String>> rows;
        try (var iterator = mapper.readerFor(Map.class)
                .with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader())
                .<Map<String, String>>readValues(csv.asByteArray())) {
            rows = iterator.readAll();
        }
        assertEquals(json.getList("items.code"), rows.stream().map(row -> row.get("code")).toList());
        assertEquals(json.getList("items.title"), rows.stream().map(row -> row.get("title")).toList());
        assertEquals(json.getList("items.highLevelOutcome"),
                rows.stream().map(row -> row.get("highLevelOutcome")).toList());
    }

    @Test
    void oneProgrammeOutcomeWithItsParentAndMeasures() {
        api().get(RELEASES + "/1.0.0/outcomes/RH-I01").then().statusCode(200)
                .body("code", equalTo("RH-I01"))
                .body("title", equalTo("Reduced frequency and/or severity of (re) offending"))
                .body("level", equalTo("individual"))
                .body("highLevelOutcome", equalTo("RH-H01"))
                .body("priorityArea", equalTo("RH"))
                .body("measures", hasItem("M-POLICE-RECORDED-GBH"));
    }

    @Test
    void onePriorityArea() {
        api().get(RELEASES + "/1.0.0/priority-areas/FA").then().statusCode(200)
                .body("code", equalTo("FA"))
                .body("strategicObjective", equalTo("Developing stronger and more resilient families"))
                .body("highLevelOutcomes.code", hasItem("FA-H01"));
        api().get(RELEASES + "/1.0.0/priority-areas").then().statusCode(200)
                .body("count", equalTo(6));
    }

    @Test
    void unknownReleasesAndCodesAreNotFoundProblems() {
        for (String path : List.of("/9.9.9", "/1.0.0/outcomes/XX-I99", "/1.0.0/priority-areas/ZZ",
                "/1.0.0/measures/M-NOPE", "/9.9.9/outcomes")) {
            api().get(RELEASES + path).then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo("tag:vru.london.gov.uk,2022:problem/not-found"))
                    .body("status", equalTo(404))
                    .body("instance", equalTo(RELEASES + path));
        }
    }

    @Test
    void aMalformedVersionIsAValidationProblem() {
        api().get(RELEASES + "/1.0").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("version"))
                .body("errors[0].code", equalTo("invalid-version"));
    }

    @Test
    void ifNoneMatchWithTheCurrentETagAnswers304WithoutABody() {
        String etag = identity().get(RELEASES + "/1.0.0").header("ETag");
        identity().header("If-None-Match", etag).get(RELEASES + "/1.0.0").then().statusCode(304)
                .header("ETag", equalTo(etag))
                .header("Cache-Control", containsString("immutable"))
                .body(emptyString());
        identity().header("If-None-Match", "\"sha256:0000\", " + etag).get(RELEASES + "/1.0.0").then().statusCode(304);
        identity().header("If-None-Match", "\"sha256:0000\"").get(RELEASES + "/1.0.0").then().statusCode(200);

        String listTag = api().get(RELEASES + "/1.0.0/outcomes").header("ETag");
        api().header("If-None-Match", listTag).get(RELEASES + "/1.0.0/outcomes").then().statusCode(304);
    }

    @Test
    void latestIsTheNewestPublishedReleaseAndIsNeverCachedAsImmutable() {
        List<Map<String, Object>> releases = api().get(RELEASES).jsonPath().getList("items");
        Map<String, Object> newestPublished = releases.stream()
                .filter(r -> "published".equals(r.get("status")))
                .max((a, b) -> SemanticVersion.parse((String) a.get("version")).orElseThrow()
                        .compareTo(SemanticVersion.parse((String) b.get("version")).orElseThrow()))
                .orElseThrow();
        Response latest = identity().get(RELEASES + "/latest");
        latest.then().statusCode(200)
                .header("Cache-Control", not(containsString("immutable")))
                .header("Cache-Control", containsString("no-cache"))
                .header("Content-Location", equalTo(newestPublished.get("href")))
                .header("ETag", equalTo("\"" + newestPublished.get("contentHash") + "\""))
                .body("version", equalTo(newestPublished.get("version")));
        api().get(RELEASES + "/latest/outcomes/RH-I01").then().statusCode(200)
                .header("Content-Location", matchesPattern(".*/releases/\\d+\\.\\d+\\.\\d+/outcomes/RH-I01"))
                .header("Cache-Control", not(containsString("immutable")));
    }
}
