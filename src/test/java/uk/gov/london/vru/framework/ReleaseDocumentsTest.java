package uk.gov.london.vru.framework;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import uk.gov.london.vru.common.FieldError;
import uk.gov.london.vru.framework.ReleaseDocument.HighLevelOutcome;
import uk.gov.london.vru.framework.ReleaseDocument.Level;
import uk.gov.london.vru.framework.ReleaseDocument.Measure;
import uk.gov.london.vru.framework.ReleaseDocument.PriorityArea;
import uk.gov.london.vru.framework.ReleaseDocument.ProgrammeOutcome;

/** The rules of release documents, and the shipped 1.0.0 document against the code scheme. */
class ReleaseDocumentsTest {

    static ReleaseDocument bundled() throws Exception {
        try (InputStream in = ReleaseDocumentsTest.class.getClassLoader()
                .getResourceAsStream("framework/releases/1.0.0.yaml")) {
            return ReleaseDocuments.normalise(ReleaseDocuments.readYaml(in));
        }
    }

    @Test
    void theShippedDocumentIsSound() throws Exception {
        assertEquals(List.of(), ReleaseDocuments.check(bundled()));
    }

    @Test
    void everyCodeFollowsTheSchemeInDocumentOrder() throws Exception {
        Map<String, Integer> next = new TreeMap<>();
        for (PriorityArea area : bundled().priorityAreas()) {
            int h = 0;
            for (HighLevelOutcome hlo : ReleaseDocuments.list(area.highLevelOutcomes())) {
                assertEquals(String.format("%s-H%02d", area.code(), ++h), hlo.code());
                assertTrue(!hlo.programmeOutcomes().isEmpty(), hlo.code() + " has programme outcomes");
                for (ProgrammeOutcome po : hlo.programmeOutcomes()) {
                    String prefix = area.code() + "-" + po.level().name().charAt(0);
                    int n = next.merge(prefix, 1, Integer::sum);
                    assertEquals(String.format("%s%02d", prefix, n), po.code());
                    assertEquals(hlo.level(), po.level());
                }
            }
        }
    }

    @Test
    void canonicalJsonRoundTripsByteForByte() throws Exception {
        byte[] json = ReleaseDocuments.canonicalJson(bundled());
        assertArrayEquals(json, ReleaseDocuments.canonicalJson(ReleaseDocuments.readJson(json)));
    }

    @Test
    void normaliseGivesProgrammeOutcomesTheirParentsLevel() {
        ReleaseDocument doc = ReleaseLoaderTest.minimalDocument("1.2.3");
        ReleaseDocument normal = ReleaseDocuments.normalise(doc);
        assertEquals(Level.INDIVIDUAL,
                normal.priorityAreas().get(0).highLevelOutcomes().get(0).programmeOutcomes().get(0).level());
    }

    @Test
    void checkFindsDuplicatesDanglingReferencesLevelMismatchesAndBadRanges() {
        ReleaseDocument doc = ReleaseLoaderTest.minimalDocument("1.2.3");
        PriorityArea area = doc.priorityAreas().get(0);
        HighLevelOutcome hlo = area.highLevelOutcomes().get(0);
        List<ProgrammeOutcome> outcomes = new ArrayList<>(hlo.programmeOutcomes());
        outcomes.add(new ProgrammeOutcome("ZA-I01", "Duplicate", null, null, null));
        outcomes.add(new ProgrammeOutcome("ZA-O01", "Wrong level", Level.ORGANISATIONAL, null, null));
        outcomes.add(new ProgrammeOutcome("za-bad", "Bad code", null, null, null));
        var badHlo = new HighLevelOutcome(hlo.code(), hlo.level(), hlo.title(), hlo.definition(), null, outcomes, null);
        var badArea = new PriorityArea(area.code(), 1, area.name(), null, area.strategicObjective(), null, null,
                List.of(badHlo), null, null);
        var measure = new Measure("M-X", "X", ReleaseDocument.MeasureKind.SURVEY, ReleaseDocument.ValueType.SCORE,
                new ReleaseDocument.Range(java.math.BigDecimal.TEN, java.math.BigDecimal.ONE),
                ReleaseDocument.Direction.HIGHER_IS_BETTER, null, List.of("ZA-I99"), null, null);
        ReleaseDocument bad = new ReleaseDocument("1.2.3", "t", null, null, null, null, null, doc.impactGoals(),
                List.of(badArea), null, List.of(measure), null, null);
        List<String> codes = ReleaseDocuments.check(bad).stream().map(FieldError::code).toList();
        assertEquals(List.of("duplicate-code", "level-mismatch", "invalid-code", "invalid-range",
                "dangling-reference"), codes);
    }
}
