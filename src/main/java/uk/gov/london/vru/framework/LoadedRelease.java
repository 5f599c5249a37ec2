package uk.gov.london.vru.framework;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import uk.gov.london.vru.framework.ReleaseDocument.HighLevelOutcome;
import uk.gov.london.vru.framework.ReleaseDocument.Measure;
import uk.gov.london.vru.framework.ReleaseDocument.PriorityArea;
import uk.gov.london.vru.framework.ReleaseDocument.ProgrammeOutcome;

/**
 * A release ready to serve: its stored JSON bytes and hash, the parsed document, and look-ups by code. Built once
 * per release content and kept, since a release's content never changes once stored under its hash.
 */
public final class LoadedRelease {

    private final String version;
    private final String contentHash;
    private final PreparedBytes json;
    private final ReleaseDocument document;
    private final List<OutcomeView> outcomes;
    private final Map<String, OutcomeView> outcomesByCode = new LinkedHashMap<>();
    private final Map<String, PriorityArea> areasByCode = new LinkedHashMap<>();
    private final Map<String, Measure> measuresByCode = new LinkedHashMap<>();
    private final Map<String, Concepts.Concept> concepts;
    /** SKOS renderings by format and base URL; few in practice, bounded because the base comes from the request. */
    private final com.github.benmanes.caffeine.cache.Cache<String, PreparedBytes> skos =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(16).build();

    LoadedRelease(String version, String contentHash, byte[] json) {
        this.version = version;
        this.contentHash = contentHash;
        this.json = new PreparedBytes(json, contentHash);
        this.document = ReleaseDocuments.readJson(json);
        Map<String, List<String>> measuresByOutcome = new LinkedHashMap<>();
        for (Measure measure : ReleaseDocuments.list(document.measures())) {
            measuresByCode.put(measure.code(), measure);
            for (String outcome : ReleaseDocuments.list(measure.outcomes())) {
                measuresByOutcome.computeIfAbsent(outcome, code -> new ArrayList<>()).add(measure.code());
            }
        }
        List<OutcomeView> views = new ArrayList<>();
        for (PriorityArea area : ReleaseDocuments.list(document.priorityAreas())) {
            areasByCode.put(area.code(), area);
            for (HighLevelOutcome hlo : ReleaseDocuments.list(area.highLevelOutcomes())) {
                for (ProgrammeOutcome po : ReleaseDocuments.list(hlo.programmeOutcomes())) {
                    OutcomeView view = new OutcomeView(po.code(), po.title(), po.level().code(), hlo.code(),
                            hlo.title(), area.code(), area.name(),
                            List.copyOf(measuresByOutcome.getOrDefault(po.code(), List.of())), po.note(),
                            po.deprecated());
                    views.add(view);
                    outcomesByCode.put(view.code(), view);
                }
            }
        }
        this.outcomes = Collections.unmodifiableList(views);
        this.concepts = Concepts.of(document);
    }

    /** Any concept of the release by code, with its kind and deprecation. */
    public Optional<Concepts.Concept> concept(String code) {
        return Optional.ofNullable(concepts.get(code));
    }

    public String version() {
        return version;
    }

    public String contentHash() {
        return contentHash;
    }

    /** The stored canonical JSON, whose tag is the content hash; callers must not change it. */
    PreparedBytes json() {
        return json;
    }

    public ReleaseDocument document() {
        return document;
    }

    public List<OutcomeView> outcomes() {
        return outcomes;
    }

    public Optional<OutcomeView> outcome(String code) {
        return Optional.ofNullable(outcomesByCode.get(code));
    }

    public List<PriorityArea> priorityAreas() {
        return List.copyOf(areasByCode.values());
    }

    public Optional<PriorityArea> priorityArea(String code) {
        return Optional.ofNullable(areasByCode.get(code));
    }

    public List<Measure> measures() {
        return List.copyOf(measuresByCode.values());
    }

    public Optional<Measure> measure(String code) {
        return Optional.ofNullable(measuresByCode.get(code));
    }

    /** The release as a SKOS concept scheme in Turtle or JSON-LD, its URIs under {@code base}: made once per base. */
    public PreparedBytes skos(String base, org.eclipse.rdf4j.rio.RDFFormat format) {
        return skos.get(format.getDefaultMIMEType() + " " + base,
                key -> PreparedBytes.of(SkosWriter.write(document, base, format)));
    }
}
