package uk.gov.london.vru.framework;

import static uk.gov.london.vru.framework.ReleaseDocuments.list;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.LinkedHashModel;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.model.vocabulary.DCTERMS;
import org.eclipse.rdf4j.model.vocabulary.OWL;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.model.vocabulary.SKOS;
import org.eclipse.rdf4j.model.vocabulary.XSD;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;
import org.eclipse.rdf4j.rio.WriterConfig;
import org.eclipse.rdf4j.rio.helpers.BasicWriterSettings;
import org.eclipse.rdf4j.rio.jsonld.JSONLDMode;
import org.eclipse.rdf4j.rio.jsonld.JSONLDSettings;

import uk.gov.london.vru.framework.ReleaseDocument.Deprecation;
import uk.gov.london.vru.framework.ReleaseDocument.HighLevelOutcome;
import uk.gov.london.vru.framework.ReleaseDocument.ImpactGoal;
import uk.gov.london.vru.framework.ReleaseDocument.Level;
import uk.gov.london.vru.framework.ReleaseDocument.Measure;
import uk.gov.london.vru.framework.ReleaseDocument.OutputType;
import uk.gov.london.vru.framework.ReleaseDocument.PriorityArea;
import uk.gov.london.vru.framework.ReleaseDocument.PriorityGroup;
import uk.gov.london.vru.framework.ReleaseDocument.ProgrammeOutcome;
import uk.gov.london.vru.framework.ReleaseDocument.SystemsOutcome;

/** Writes a framework release as a SKOS concept scheme, in Turtle or JSON-LD, the same bytes for the same input. */
public final class SkosWriter {

    /** Namespace of the framework's own classes and properties; the same for every release and host. */
    public static final String VRU = "https://vru.london.gov.uk/def/outcomes#";

    /** Language tag of every human-readable text in the framework. */
    static final String LANGUAGE = "en-GB";

    private static final ValueFactory VF = SimpleValueFactory.getInstance();

    static final IRI IMPACT_GOAL = VF.createIRI(VRU, "ImpactGoal");
    static final IRI PRIORITY_AREA = VF.createIRI(VRU, "PriorityArea");
    static final IRI HIGH_LEVEL_OUTCOME = VF.createIRI(VRU, "HighLevelOutcome");
    static final IRI PROGRAMME_OUTCOME = VF.createIRI(VRU, "ProgrammeOutcome");
    static final IRI SYSTEMS_OUTCOME = VF.createIRI(VRU, "SystemsOutcome");
    static final IRI PRIORITY_GROUP = VF.createIRI(VRU, "PriorityGroup");
    static final IRI MEASURE = VF.createIRI(VRU, "Measure");
    static final IRI OUTPUT_TYPE = VF.createIRI(VRU, "OutputType");
    static final IRI LEVEL = VF.createIRI(VRU, "level");
    static final IRI EVIDENCES = VF.createIRI(VRU, "evidences");
    static final IRI DEPRECATED_SINCE = VF.createIRI(VRU, "deprecatedSince");

    private SkosWriter() {
    }

    /**
     * The release as SKOS: the scheme at {@code baseUri} (the release's absolute URL) and each concept at
     * {@code baseUri/concepts/CODE}; {@code format} is {@link RDFFormat#TURTLE} or {@link RDFFormat#JSONLD}
     * (compact, with the prefixes as its context). Bytes are UTF-8. The JSON-LD writer lower-cases language tags
     * ({@code en-gb}); RDF compares tags without regard to case, so both formats carry the same graph.
     */
    public static byte[] write(ReleaseDocument document, String baseUri, RDFFormat format) {
        if (!RDFFormat.TURTLE.equals(format) && !RDFFormat.JSONLD.equals(format)) {
            throw new IllegalArgumentException("Unsupported RDF format: " + format);
        }
        Model model = model(document, baseUri);
        WriterConfig config = new WriterConfig()
                .set(BasicWriterSettings.PRETTY_PRINT, true)
                .set(BasicWriterSettings.INLINE_BLANK_NODES, false)
                .set(JSONLDSettings.JSONLD_MODE, JSONLDMode.COMPACT)
                .set(JSONLDSettings.USE_NATIVE_TYPES, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Rio.write(model, out, format, config);
        return out.toByteArray();
    }

    /**
     * The statements of the release in document order, grouped by subject (each subject where it first appears), so
     * that every resource is written as one block.
     */
    static Model model(ReleaseDocument document, String baseUri) {
        Model built = new Builder(baseUri).release(document);
        Map<Resource, List<Statement>> bySubject = new LinkedHashMap<>();
        for (Statement statement : built) {
            bySubject.computeIfAbsent(statement.getSubject(), subject -> new ArrayList<>()).add(statement);
        }
        Model grouped = new LinkedHashModel(built.getNamespaces(), built.size());
        bySubject.values().forEach(grouped::addAll);
        return grouped;
    }

    /** Adds the statements of one release to an insertion-ordered model. */
    private static final class Builder {
        final Model model = new LinkedHashModel();
        final String base;
        final IRI scheme;

        Builder(String baseUri) {
            if (baseUri == null || baseUri.isBlank()) {
                throw new IllegalArgumentException("A base URI is required");
            }
            base = baseUri.endsWith("/") ? baseUri.substring(0, baseUri.length() - 1) : baseUri;
            scheme = VF.createIRI(base);
            model.setNamespace(SKOS.NS);
            model.setNamespace(DCTERMS.NS);
            model.setNamespace(OWL.NS);
            model.setNamespace(XSD.NS);
            model.setNamespace("vru", VRU);
        }

        IRI concept(String code) {
            return VF.createIRI(base + "/concepts/" + code);
        }

        Model release(ReleaseDocument document) {
            add(scheme, RDF.TYPE, SKOS.CONCEPT_SCHEME);
            text(scheme, DCTERMS.TITLE, document.title());
            plain(scheme, OWL.VERSIONINFO, document.version());
            if (document.publishedOn() != null) {
                add(scheme, DCTERMS.ISSUED, VF.createLiteral(document.publishedOn().toString(), XSD.DATE));
            }
            plain(scheme, DCTERMS.PUBLISHER, document.publisher());
            for (ImpactGoal goal : list(document.impactGoals())) {
                IRI iri = concept(goal.code(), IMPACT_GOAL, goal.title(), goal.note(), goal.deprecated());
                top(iri);
            }
            for (PriorityArea area : list(document.priorityAreas())) {
                area(area);
            }
            for (PriorityGroup group : list(document.priorityGroups())) {
                IRI iri = concept(group.code(), PRIORITY_GROUP, group.name(), group.note(), group.deprecated());
                text(iri, SKOS.DEFINITION, group.description());
            }
            for (Measure measure : list(document.measures())) {
                IRI iri = concept(measure.code(), MEASURE, measure.name(), measure.note(), measure.deprecated());
                text(iri, SKOS.DEFINITION, measure.description());
                for (String outcome : list(measure.outcomes())) {
                    add(iri, EVIDENCES, concept(outcome));
                }
            }
            for (OutputType output : list(document.outputTypes())) {
                IRI iri = concept(output.code(), OUTPUT_TYPE, output.name(), output.note(), output.deprecated());
                text(iri, SKOS.DEFINITION, output.description());
            }
            return model;
        }

        void area(PriorityArea area) {
            IRI iri = concept(area.code(), PRIORITY_AREA, area.name(), area.note(), area.deprecated());
            top(iri);
            text(iri, SKOS.ALT_LABEL, area.shortName());
            text(iri, SKOS.DEFINITION, area.strategicObjective());
            text(iri, DCTERMS.DESCRIPTION, area.description());
            for (HighLevelOutcome hlo : list(area.highLevelOutcomes())) {
                IRI hloIri = concept(hlo.code(), HIGH_LEVEL_OUTCOME, hlo.title(), hlo.note(), hlo.deprecated());
                level(hloIri, hlo.level());
                text(hloIri, SKOS.DEFINITION, hlo.definition());
                broader(hloIri, iri);
                for (ProgrammeOutcome po : list(hlo.programmeOutcomes())) {
                    IRI poIri = concept(po.code(), PROGRAMME_OUTCOME, po.title(), po.note(), po.deprecated());
                    level(poIri, po.level() == null ? hlo.level() : po.level());
                    broader(poIri, hloIri);
                }
            }
            for (SystemsOutcome systems : list(area.systemsOutcomes())) {
                IRI systemsIri = concept(systems.code(), SYSTEMS_OUTCOME, systems.title(), systems.note(),
                        systems.deprecated());
                text(systemsIri, SKOS.DEFINITION, systems.description());
                broader(systemsIri, iri);
            }
        }

        IRI concept(String code, IRI kind, String label, String note, Deprecation deprecation) {
            IRI iri = concept(code);
            add(iri, RDF.TYPE, SKOS.CONCEPT);
            add(iri, RDF.TYPE, kind);
            add(iri, SKOS.IN_SCHEME, scheme);
            plain(iri, SKOS.NOTATION, code);
            text(iri, SKOS.PREF_LABEL, label);
            text(iri, SKOS.SCOPE_NOTE, note);
            if (deprecation != null) {
                add(iri, OWL.DEPRECATED, VF.createLiteral(true));
                plain(iri, DEPRECATED_SINCE, deprecation.since());
                text(iri, SKOS.CHANGE_NOTE, deprecation.reason());
                for (String replacement : list(deprecation.replacedBy())) {
                    add(iri, DCTERMS.IS_REPLACED_BY, concept(replacement));
                }
            }
            return iri;
        }

        void top(IRI iri) {
            add(iri, SKOS.TOP_CONCEPT_OF, scheme);
            add(scheme, SKOS.HAS_TOP_CONCEPT, iri);
        }

        void broader(IRI narrower, IRI broader) {
            add(narrower, SKOS.BROADER, broader);
            add(broader, SKOS.NARROWER, narrower);
        }

        void level(IRI iri, Level level) {
            if (level != null) {
                plain(iri, LEVEL, level.code());
            }
        }

        void text(IRI subject, IRI predicate, String text) {
            if (text != null && !text.isBlank()) {
                add(subject, predicate, VF.createLiteral(text, LANGUAGE));
            }
        }

        void plain(IRI subject, IRI predicate, String text) {
            if (text != null && !text.isBlank()) {
                add(subject, predicate, VF.createLiteral(text));
            }
        }

        void add(IRI subject, IRI predicate, Value object) {
            model.add(subject, predicate, object);
        }
    }
}
