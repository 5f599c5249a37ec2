package uk.gov.london.vru.framework;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.model.util.Models;
import org.eclipse.rdf4j.model.vocabulary.DCTERMS;
import org.eclipse.rdf4j.model.vocabulary.OWL;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.model.vocabulary.SKOS;
import org.eclipse.rdf4j.model.vocabulary.XSD;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import uk.gov.london.vru.framework.ReleaseDocument.Deprecation;
import uk.gov.london.vru.framework.ReleaseDocument.HighLevelOutcome;
import uk.gov.london.vru.framework.ReleaseDocument.ImpactGoal;
import uk.gov.london.vru.framework.ReleaseDocument.Level;
import uk.gov.london.vru.framework.ReleaseDocument.PriorityArea;
import uk.gov.london.vru.framework.ReleaseDocument.ProgrammeOutcome;

/** The SKOS export of a release, read back with a real RDF parser in both formats. */
class SkosWriterTest {

    static final String BASE = "https://vru.example.test/api/v1/framework/releases/1.0.0";
    static final ValueFactory VF = SimpleValueFactory.getInstance();
    static final IRI SCHEME = VF.createIRI(BASE);
    static final IRI VRU_EVIDENCES = VF.createIRI(SkosWriter.VRU, "evidences");

    static ReleaseDocument release;
    static byte[] turtle;
    static byte[] jsonld;
    static Model fromTurtle;
    static Model fromJsonld;

    @BeforeAll
    static void writeAndParseTheBundledRelease() {
        try (InputStream yaml = SkosWriterTest.class.getResourceAsStream("/framework/releases/1.0.0.yaml")) {
            release = ReleaseDocuments.normalise(ReleaseDocuments.readYaml(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        turtle = SkosWriter.write(release, BASE, RDFFormat.TURTLE);
        jsonld = SkosWriter.write(release, BASE, RDFFormat.JSONLD);
        fromTurtle = parse(turtle, RDFFormat.TURTLE);
        fromJsonld = parse(jsonld, RDFFormat.JSONLD);
    }

    static Model parse(byte[] bytes, RDFFormat format) {
        try {
            return Rio.parse(new ByteArrayInputStream(bytes), BASE, format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IRI concept(String code) {
        return VF.createIRI(BASE + "/concepts/" + code);
    }

    static int conceptCount(ReleaseDocument document) {
        int count = ReleaseDocuments.list(document.impactGoals()).size()
                + ReleaseDocuments.list(document.priorityGroups()).size()
                + ReleaseDocuments.list(document.measures()).size()
                + ReleaseDocuments.list(document.outputTypes()).size();
        for (PriorityArea area : ReleaseDocuments.list(document.priorityAreas())) {
            count += 1 + ReleaseDocuments.list(area.systemsOutcomes()).size();
            for (HighLevelOutcome hlo : ReleaseDocuments.list(area.highLevelOutcomes())) {
                count += 1 + ReleaseDocuments.list(hlo.programmeOutcomes()).size();
            }
        }
        return count;
    }

    @Test
    void bothFormatsDescribeTheSameGraph() {
        assertTrue(fromTurtle.size() > 1000, "statements: " + fromTurtle.size());
        assertTrue(Models.isomorphic(fromTurtle, fromJsonld), "Turtle and JSON-LD parse to different graphs");
        assertTrue(Models.isomorphic(fromTurtle, SkosWriter.model(release, BASE)));
    }

    @Test
    void theReleaseIsOneConceptSchemeWithEveryConceptInIt() {
        for (Model model : List.of(fromTurtle, fromJsonld)) {
            assertEquals(Set.of(SCHEME), model.filter(null, RDF.TYPE, SKOS.CONCEPT_SCHEME).subjects());
            assertEquals(Set.of(VF.createLiteral("1.0.0")),
                    model.filter(SCHEME, OWL.VERSIONINFO, null).objects());
            assertEquals(Set.of(VF.createLiteral("2022-12-01", XSD.DATE)),
                    model.filter(SCHEME, DCTERMS.ISSUED, null).objects());
            assertEquals(Set.of(VF.createLiteral("London's Violence Reduction Unit")),
                    model.filter(SCHEME, DCTERMS.PUBLISHER, null).objects());
            Set<?> concepts = model.filter(null, RDF.TYPE, SKOS.CONCEPT).subjects();
            assertEquals(conceptCount(release), concepts.size());
            assertEquals(concepts, model.filter(null, SKOS.IN_SCHEME, SCHEME).subjects());
        }
    }

    @Test
    void aProgrammeOutcomeSitsUnderItsHighLevelOutcomeAndArea() {
        IRI outcome = concept("RH-I01");
        IRI hlo = concept("RH-H01");
        IRI area = concept("RH");
        for (Model model : List.of(fromTurtle, fromJsonld)) {
            assertEquals(Set.of(VF.createLiteral("RH-I01")), model.filter(outcome, SKOS.NOTATION, null).objects());
            assertEquals(Set.of(VF.createLiteral("Reduced frequency and/or severity of (re) offending", "en-GB")),
                    model.filter(outcome, SKOS.PREF_LABEL, null).objects());
            assertEquals(Set.of(hlo), model.filter(outcome, SKOS.BROADER, null).objects());
            assertTrue(model.contains(hlo, SKOS.NARROWER, outcome));
            assertTrue(model.contains(hlo, SKOS.BROADER, area));
            assertTrue(model.contains(area, SKOS.NARROWER, hlo));
            assertTrue(model.contains(outcome, RDF.TYPE, VF.createIRI(SkosWriter.VRU, "ProgrammeOutcome")));
            assertEquals(Set.of(VF.createLiteral("individual")),
                    model.filter(outcome, VF.createIRI(SkosWriter.VRU, "level"), null).objects());
            assertTrue(model.contains(area, SKOS.TOP_CONCEPT_OF, SCHEME));
            assertTrue(model.contains(SCHEME, SKOS.HAS_TOP_CONCEPT, area));
            assertTrue(model.contains(concept("IG1"), SKOS.TOP_CONCEPT_OF, SCHEME));
            assertTrue(model.contains(concept("SS-S01"), SKOS.BROADER, concept("SS")));
            assertTrue(model.contains(concept("M-WEMWBS"), VRU_EVIDENCES, concept("PO-I01")));
            assertTrue(model.filter(null, OWL.DEPRECATED, null).isEmpty());
        }
    }

    @Test
    void writingTwiceGivesTheSameBytes() {
        assertArrayEquals(turtle, SkosWriter.write(release, BASE, RDFFormat.TURTLE));
        assertArrayEquals(jsonld, SkosWriter.write(release, BASE, RDFFormat.JSONLD));
    }

    @Test
    void aDeprecatedConceptNamesItsReplacements() {
        String base = "https://vru.example.test/api/v1/framework/releases/2.0.0";
        byte[] bytes = SkosWriter.write(deprecatingDocument(), base, RDFFormat.TURTLE);
        Model model = parse(bytes, RDFFormat.TURTLE);
        IRI old = VF.createIRI(base + "/concepts/ZA-I01");
        Literal yes = VF.createLiteral(true);
        assertEquals(Set.of(yes), model.filter(old, OWL.DEPRECATED, null).objects());
        assertEquals(XSD.BOOLEAN, yes.getDatatype());
        Set<Value> replacements = model.filter(old, DCTERMS.IS_REPLACED_BY, null).objects();
        assertEquals(Set.of(VF.createIRI(base + "/concepts/ZA-I02"), VF.createIRI(base + "/concepts/ZA-I03")),
                replacements);
        assertTrue(model.filter(VF.createIRI(base + "/concepts/ZA-I02"), OWL.DEPRECATED, null).isEmpty());
        assertTrue(Models.isomorphic(model,
                parse(SkosWriter.write(deprecatingDocument(), base, RDFFormat.JSONLD), RDFFormat.JSONLD)));
        assertEquals(5, model.filter(null, RDF.TYPE, SKOS.CONCEPT).subjects().size());
    }

    @Test
    void onlyTurtleAndJsonLdAreWritten() {
        assertThrows(IllegalArgumentException.class,
                () -> SkosWriter.write(deprecatingDocument(), BASE, RDFFormat.RDFXML));
    }

    static ReleaseDocument deprecatingDocument() {
        var split = new ProgrammeOutcome("ZA-I01", "Old outcome", null, "Before the split",
                new Deprecation("2.0.0", List.of("ZA-I02", "ZA-I03"), "split"));
        var first = new ProgrammeOutcome("ZA-I02", "First half", null, null, null);
        var second = new ProgrammeOutcome("ZA-I03", "Second half", null, null, null);
        var hlo = new HighLevelOutcome("ZA-H01", Level.INDIVIDUAL, "A high-level outcome", "Its definition", null,
                List.of(split, first, second), null);
        var area = new PriorityArea("ZA", 1, "An area", "Area", "Its objective", null, null, List.of(hlo), null,
                null);
        return ReleaseDocuments.normalise(new ReleaseDocument("2.0.0", "SKOS test", null, LocalDate.of(2026, 1, 1),
                null, null, null, List.of(), List.of(area), null, null, null, null));
    }
}
