package uk.gov.london.vru.framework;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import uk.gov.london.vru.framework.ReleaseDocument.Deprecation;
import uk.gov.london.vru.framework.ReleaseDocument.HighLevelOutcome;
import uk.gov.london.vru.framework.ReleaseDocument.Measure;
import uk.gov.london.vru.framework.ReleaseDocument.PriorityArea;
import uk.gov.london.vru.framework.ReleaseDocument.ProgrammeOutcome;

/** A release's concepts as a flat map by code, each with its kind, parent and comparable fields. */
public final class Concepts {

    /** One concept, flattened for comparison. */
    public record Concept(String kind, String code, String parent, Map<String, String> fields, Deprecation deprecated) {

        public String label() {
            return fields.getOrDefault("title", fields.get("name"));
        }
    }

    private Concepts() {
    }

    /** Every concept of the document, in document order. */
    public static Map<String, Concept> of(ReleaseDocument document) {
        Map<String, Concept> concepts = new LinkedHashMap<>();
        ReleaseDocuments.list(document.impactGoals()).forEach(g -> put(concepts, "impact-goal", g.code(), null,
                g.deprecated(), "title", g.title(), "note", g.note()));
        for (PriorityArea area : ReleaseDocuments.list(document.priorityAreas())) {
            put(concepts, "priority-area", area.code(), null, area.deprecated(), "name", area.name(), "shortName",
                    area.shortName(), "strategicObjective", area.strategicObjective(), "description",
                    area.description(), "note", area.note());
            for (HighLevelOutcome hlo : ReleaseDocuments.list(area.highLevelOutcomes())) {
                put(concepts, "high-level-outcome", hlo.code(), area.code(), hlo.deprecated(), "title", hlo.title(),
                        "definition", hlo.definition(), "level", hlo.level() == null ? null : hlo.level().code(),
                        "note", hlo.note());
                for (ProgrammeOutcome po : ReleaseDocuments.list(hlo.programmeOutcomes())) {
                    put(concepts, "programme-outcome", po.code(), hlo.code(), po.deprecated(), "title", po.title(),
                            "level", po.level() == null ? null : po.level().code(), "note", po.note());
                }
            }
            ReleaseDocuments.list(area.systemsOutcomes()).forEach(s -> put(concepts, "systems-outcome", s.code(),
                    area.code(), s.deprecated(), "title", s.title(), "description", s.description(), "note", s.note()));
        }
        ReleaseDocuments.list(document.priorityGroups()).forEach(g -> put(concepts, "priority-group", g.code(), null,
                g.deprecated(), "name", g.name(), "description", g.description(), "note", g.note()));
        for (Measure m : ReleaseDocuments.list(document.measures())) {
            put(concepts, "measure", m.code(), null, m.deprecated(), "name", m.name(), "kind",
                    m.kind() == null ? null : m.kind().name(), "valueType",
                    m.valueType() == null ? null : m.valueType().name(), "range", range(m), "direction",
                    m.direction() == null ? null : m.direction().name(), "outcomes",
                    String.join(" ", new TreeSet<>(ReleaseDocuments.list(m.outcomes()))), "description",
                    m.description(), "note", m.note());
        }
        ReleaseDocuments.list(document.outputTypes()).forEach(o -> put(concepts, "output-type", o.code(), null,
                o.deprecated(), "name", o.name(), "unit", o.unit(), "description", o.description(), "note", o.note()));
        return concepts;
    }

    private static String range(Measure measure) {
        if (measure.range() == null) {
            return null;
        }
        return (measure.range().min() == null ? "" : measure.range().min().toPlainString()) + ".."
                + (measure.range().max() == null ? "" : measure.range().max().toPlainString());
    }

    private static void put(Map<String, Concept> concepts, String kind, String code, String parent,
            Deprecation deprecated, String... fieldsAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            if (fieldsAndValues[i + 1] != null && !fieldsAndValues[i + 1].isEmpty()) {
                fields.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
            }
        }
        concepts.put(code, new Concept(kind, code, parent,
                java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(fields)), deprecated));
    }

    static List<String> textFields() {
        return List.of("title", "name", "shortName", "definition", "description", "strategicObjective");
    }
}
