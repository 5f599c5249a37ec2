package uk.gov.london.vru.framework;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import uk.gov.london.vru.common.FieldError;
import uk.gov.london.vru.framework.ReleaseDocument.HighLevelOutcome;
import uk.gov.london.vru.framework.ReleaseDocument.Measure;
import uk.gov.london.vru.framework.ReleaseDocument.PriorityArea;
import uk.gov.london.vru.framework.ReleaseDocument.ProgrammeOutcome;

/**
 * Reads, checks and writes release documents: strict YAML or JSON in, canonical JSON bytes and their SHA-256 out.
 *
 * <p>The canonical form is what a published release is served as, byte for byte; it is written once, with its own
 * mapper (not the application's), so configuration elsewhere cannot change a published release's bytes.
 */
public final class ReleaseDocuments {

    /** Codes are upper-case letters and digits in dash-separated parts, for example {@code RH-I01}. */
    public static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*");

    private static final ObjectMapper YAML = configure(YAMLMapper.builder().build());
    private static final ObjectMapper JSON = configure(JsonMapper.builder().build());

    private ReleaseDocuments() {
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    }

    /** Reads a release document written in YAML (JSON is YAML too). */
    public static ReleaseDocument readYaml(InputStream yaml) {
        try {
            return YAML.readValue(yaml, ReleaseDocument.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Not a valid release document: " + e.getMessage(), e);
        }
    }

    /** Reads canonical JSON back, as stored for a release. */
    public static ReleaseDocument readJson(byte[] json) {
        try {
            return JSON.readValue(json, ReleaseDocument.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Stored release document cannot be read", e);
        }
    }

    /** The canonical JSON bytes of a (normalised) document. */
    public static byte[] canonicalJson(ReleaseDocument document) {
        try {
            return JSON.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as a JSON tree, for editing. */
    public static com.fasterxml.jackson.databind.node.ObjectNode toTree(ReleaseDocument document) {
        return JSON.valueToTree(document);
    }

    /** Any value as a JSON tree node. */
    public static com.fasterxml.jackson.databind.JsonNode valueToTree(Object value) {
        return JSON.valueToTree(value);
    }

    /** A JSON tree back as a document, strictly (unknown or mistyped fields fail). */
    public static ReleaseDocument fromTree(com.fasterxml.jackson.databind.JsonNode tree) {
        try {
            return JSON.treeToValue(tree, ReleaseDocument.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** {@code sha256:} and the lower-case hex SHA-256 of the bytes. */
    public static String contentHash(byte[] bytes) {
        return "sha256:" + uk.gov.london.vru.common.Hashes.sha256(bytes);
    }

    /** Fills what the document implies: a programme outcome's level is its high-level outcome's level. */
    public static ReleaseDocument normalise(ReleaseDocument document) {
        List<PriorityArea> areas = list(document.priorityAreas()).stream().map(area -> new PriorityArea(area.code(),
                area.number(), area.name(), area.shortName(), area.strategicObjective(), area.description(),
                area.note(), list(area.highLevelOutcomes()).stream().map(hlo -> new HighLevelOutcome(hlo.code(),
                        hlo.level(), hlo.title(), hlo.definition(), hlo.note(),
                        list(hlo.programmeOutcomes()).stream().map(po -> new ProgrammeOutcome(po.code(), po.title(),
                                po.level() == null ? hlo.level() : po.level(), po.note(), po.deprecated())).toList(),
                        hlo.deprecated())).toList(),
                area.systemsOutcomes(), area.deprecated())).toList();
        return new ReleaseDocument(document.version(), document.title(), document.edition(), document.publishedOn(),
                document.publisher(), document.source(), document.transcriptionNotes(), document.impactGoals(), areas,
                document.priorityGroups(), document.measures(), document.outputTypes(), document.logicModel());
    }

    /** Every rule a release document breaks, as field errors; empty when it is sound. */
    public static List<FieldError> check(ReleaseDocument document) {
        Checks checks = new Checks();
        if (SemanticVersion.parse(document.version()).isEmpty()) {
            checks.fail("version", "invalid-version", "The version must be MAJOR.MINOR.PATCH, for example 1.0.0.");
        }
        checks.required("title", document.title());
        var goals = list(document.impactGoals());
        for (int i = 0; i < goals.size(); i++) {
            checks.code("impactGoals[" + i + "]", goals.get(i).code());
            checks.required("impactGoals[" + i + "].title", goals.get(i).title());
        }
        Set<String> areaCodes = new HashSet<>();
        Set<String> programmeOutcomeCodes = new HashSet<>();
        var areas = list(document.priorityAreas());
        for (int a = 0; a < areas.size(); a++) {
            PriorityArea area = areas.get(a);
            String at = "priorityAreas[" + a + "]";
            checks.code(at, area.code());
            areaCodes.add(area.code());
            checks.required(at + ".name", area.name());
            checks.required(at + ".strategicObjective", area.strategicObjective());
            var hlos = list(area.highLevelOutcomes());
            for (int h = 0; h < hlos.size(); h++) {
                HighLevelOutcome hlo = hlos.get(h);
                String hat = at + ".highLevelOutcomes[" + h + "]";
                checks.code(hat, hlo.code());
                checks.required(hat + ".title", hlo.title());
                if (hlo.level() == null) {
                    checks.fail(hat + ".level", "required", "A high-level outcome needs a level.");
                }
                var pos = list(hlo.programmeOutcomes());
                for (int p = 0; p < pos.size(); p++) {
                    ProgrammeOutcome po = pos.get(p);
                    String pat = hat + ".programmeOutcomes[" + p + "]";
                    checks.code(pat, po.code());
                    programmeOutcomeCodes.add(po.code());
                    checks.required(pat + ".title", po.title());
                    if (po.level() != null && hlo.level() != null && po.level() != hlo.level()) {
                        checks.fail(pat + ".level", "level-mismatch",
                                "A programme outcome has the level of its high-level outcome.");
                    }
                }
            }
            var systems = list(area.systemsOutcomes());
            for (int s = 0; s < systems.size(); s++) {
                checks.code(at + ".systemsOutcomes[" + s + "]", systems.get(s).code());
                checks.required(at + ".systemsOutcomes[" + s + "].title", systems.get(s).title());
            }
        }
        var groups = list(document.priorityGroups());
        for (int g = 0; g < groups.size(); g++) {
            checks.code("priorityGroups[" + g + "]", groups.get(g).code());
            checks.required("priorityGroups[" + g + "].name", groups.get(g).name());
        }
        var measures = list(document.measures());
        for (int m = 0; m < measures.size(); m++) {
            Measure measure = measures.get(m);
            String mat = "measures[" + m + "]";
            checks.code(mat, measure.code());
            checks.required(mat + ".name", measure.name());
            if (measure.kind() == null || measure.valueType() == null || measure.direction() == null) {
                checks.fail(mat, "required", "A measure needs a kind, a valueType and a direction.");
            }
            if (measure.range() != null && measure.range().min() != null && measure.range().max() != null
                    && measure.range().min().compareTo(measure.range().max()) > 0) {
                checks.fail(mat + ".range", "invalid-range", "The range's min is above its max.");
            }
            var outcomes = list(measure.outcomes());
            for (int o = 0; o < outcomes.size(); o++) {
                if (!programmeOutcomeCodes.contains(outcomes.get(o))) {
                    checks.fail(mat + ".outcomes[" + o + "]", "dangling-reference",
                            "'" + outcomes.get(o) + "' is not a programme outcome of this release.");
                }
            }
        }
        var outputs = list(document.outputTypes());
        for (int o = 0; o < outputs.size(); o++) {
            checks.code("outputTypes[" + o + "]", outputs.get(o).code());
            checks.required("outputTypes[" + o + "].name", outputs.get(o).name());
        }
        if (document.logicModel() != null) {
            var activities = list(document.logicModel().activities());
            for (int i = 0; i < activities.size(); i++) {
                checks.areaReference("logicModel.activities[" + i + "].priorityArea",
                        activities.get(i).priorityArea(), areaCodes);
            }
            var shorter = list(document.logicModel().shorterTermOutcomes());
            for (int i = 0; i < shorter.size(); i++) {
                checks.areaReference("logicModel.shorterTermOutcomes[" + i + "].priorityArea",
                        shorter.get(i).priorityArea(), areaCodes);
            }
            var longer = list(document.logicModel().longTermOutcomes());
            for (int i = 0; i < longer.size(); i++) {
                checks.areaReference("logicModel.longTermOutcomes[" + i + "].priorityArea",
                        longer.get(i).priorityArea(), areaCodes);
            }
        }
        return checks.errors;
    }

    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Collects failed checks, and the codes seen so far to find duplicates. */
    private static final class Checks {
        final List<FieldError> errors = new ArrayList<>();
        final Set<String> codes = new HashSet<>();

        void fail(String field, String code, String message) {
            errors.add(new FieldError(field, code, message));
        }

        void required(String field, String value) {
            if (value == null || value.isBlank()) {
                fail(field, "required", "This field is required.");
            }
        }

        void code(String at, String code) {
            if (code == null || !CODE.matcher(code).matches() || code.length() > 64) {
                fail(at + ".code", "invalid-code", "A code is upper-case letters and digits in dash-separated parts.");
            } else if (!codes.add(code)) {
                fail(at + ".code", "duplicate-code", "The code '" + code + "' is used more than once.");
            }
        }

        void areaReference(String field, String code, Set<String> areaCodes) {
            if (code != null && !areaCodes.contains(code)) {
                fail(field, "dangling-reference", "'" + code + "' is not a priority area of this release.");
            }
        }
    }
}
