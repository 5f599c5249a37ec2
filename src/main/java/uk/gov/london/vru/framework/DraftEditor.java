package uk.gov.london.vru.framework;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.gov.london.vru.common.ApiProblem;
import uk.gov.london.vru.common.FieldError;

/**
 * Applies concept edits to a draft's document: add, reword, move, deprecate. All edits of a request apply, or
 * none: every failed edit is reported, by its index, in one problem.
 */
final class DraftEditor {

    /** Where a concept sits in the document tree. */
    private record Found(ArrayNode container, int index, ObjectNode node, String kind, ObjectNode parent) {
    }

    private static final Map<String, Set<String>> TEXT_FIELDS = Map.of(
            "impact-goal", Set.of("title", "note"),
            "priority-area", Set.of("name", "shortName", "strategicObjective", "description", "note"),
            "high-level-outcome", Set.of("title", "definition", "note"),
            "programme-outcome", Set.of("title", "note"),
            "systems-outcome", Set.of("title", "description", "note"),
            "priority-group", Set.of("name", "description", "note"),
            "measure", Set.of("name", "description", "note"),
            "output-type", Set.of("name", "description", "note"));

    /** Fields an added concept may have, beyond its text fields. */
    private static final Map<String, Set<String>> OTHER_FIELDS = Map.of(
            "high-level-outcome", Set.of("level"),
            "measure", Set.of("kind", "valueType", "range", "direction", "outcomes"),
            "output-type", Set.of("unit"));

    private final ObjectNode tree;
    private final List<FieldError> errors = new ArrayList<>();

    private DraftEditor(ReleaseDocument document) {
        this.tree = ReleaseDocuments.toTree(document);
    }

    /** The document with every change applied, or a validation problem listing each change that failed. */
    static ReleaseDocument apply(ReleaseDocument document, List<DraftApi.Change> changes) {
        DraftEditor editor = new DraftEditor(document);
        for (int i = 0; i < changes.size(); i++) {
            editor.apply("changes[" + i + "]", changes.get(i));
        }
        if (editor.errors.isEmpty()) {
            try {
                ReleaseDocument edited = ReleaseDocuments.normalise(ReleaseDocuments.fromTree(editor.tree));
                editor.errors.addAll(ReleaseDocuments.check(edited));
                if (editor.errors.isEmpty()) {
                    return edited;
                }
            } catch (IllegalArgumentException e) {
                editor.errors.add(new FieldError("changes", "invalid-value",
                        "A field of a changed concept has the wrong type or value."));
            }
        }
        throw ApiProblem.invalid("The changes were not applied: " + editor.errors.size() + " problem(s), see errors.",
                editor.errors);
    }

    private void apply(String at, DraftApi.Change change) {
        switch (change.op()) {
            case ADD -> add(at, change);
            case REWORD -> reword(at, change);
            case MOVE -> move(at, change);
            case DEPRECATE -> deprecate(at, change);
        }
    }

    private void add(String at, DraftApi.Change change) {
        if (find(change.code()) != null) {
            fail(at + ".code", "duplicate-code", "The code '" + change.code() + "' is used already.");
            return;
        }
        if (!ReleaseDocuments.CODE.matcher(change.code()).matches()) {
            fail(at + ".code", "invalid-code", "A code is upper-case letters and digits in dash-separated parts.");
            return;
        }
        String kind = change.kind();
        if (kind == null || !TEXT_FIELDS.containsKey(kind)) {
            fail(at + ".kind", "invalid-value", "kind is one of " + new java.util.TreeSet<>(TEXT_FIELDS.keySet()) + ".");
            return;
        }
        ArrayNode container = container(at, kind, change.parent());
        if (container == null) {
            return;
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("code", change.code());
        Map<String, Object> fields = change.fields() == null ? Map.of() : change.fields();
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            boolean text = TEXT_FIELDS.get(kind).contains(field.getKey());
            if (!text && !OTHER_FIELDS.getOrDefault(kind, Set.of()).contains(field.getKey())) {
                fail(at + ".fields." + field.getKey(), "unknown-field", "A " + kind + " has no field '"
                        + field.getKey() + "'.");
                continue;
            }
            node.set(field.getKey(), ReleaseDocuments.valueToTree(field.getValue()));
        }
        container.add(node);
    }

    private ArrayNode container(String at, String kind, String parentCode) {
        switch (kind) {
            case "programme-outcome", "high-level-outcome", "systems-outcome" -> {
                Found parent = parentCode == null ? null : find(parentCode);
                String expected = "programme-outcome".equals(kind) ? "high-level-outcome" : "priority-area";
                if (parent == null || !parent.kind().equals(expected)) {
                    fail(at + ".parent", "invalid-parent", "A " + kind + " goes under a " + expected + ".");
                    return null;
                }
                String array = switch (kind) {
                    case "programme-outcome" -> "programmeOutcomes";
                    case "high-level-outcome" -> "highLevelOutcomes";
                    default -> "systemsOutcomes";
                };
                JsonNode existing = parent.node().get(array);
                return existing instanceof ArrayNode list ? list : parent.node().putArray(array);
            }
            default -> {
                String array = switch (kind) {
                    case "impact-goal" -> "impactGoals";
                    case "priority-area" -> "priorityAreas";
                    case "priority-group" -> "priorityGroups";
                    case "measure" -> "measures";
                    default -> "outputTypes";
                };
                JsonNode existing = tree.get(array);
                return existing instanceof ArrayNode list ? list : tree.putArray(array);
            }
        }
    }

    private void reword(String at, DraftApi.Change change) {
        Found found = existing(at, change.code());
        if (found == null) {
            return;
        }
        Map<String, Object> fields = change.fields() == null ? Map.of() : change.fields();
        if (fields.isEmpty()) {
            fail(at + ".fields", "required", "Name the fields to reword.");
        }
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (!TEXT_FIELDS.get(found.kind()).contains(field.getKey())) {
                fail(at + ".fields." + field.getKey(), "not-rewordable", "A " + found.kind() + "'s '" + field.getKey()
                        + "' is not wording; add a new concept and deprecate this one instead.");
            } else if (!(field.getValue() instanceof String text) || text.isBlank()) {
                fail(at + ".fields." + field.getKey(), "invalid-value", "New wording is non-blank text.");
            } else {
                found.node().put(field.getKey(), text.strip());
            }
        }
    }

    private void move(String at, DraftApi.Change change) {
        Found found = existing(at, change.code());
        if (found == null) {
            return;
        }
        if (!Set.of("programme-outcome", "high-level-outcome", "systems-outcome").contains(found.kind())) {
            fail(at + ".code", "not-movable", "Only outcomes move; a " + found.kind() + " has no parent.");
            return;
        }
        ArrayNode target = container(at, found.kind(), change.parent());
        if (target == null) {
            return;
        }
        found.container().remove(found.index());
        if ("programme-outcome".equals(found.kind())) {
            Found parent = find(change.parent());
            found.node().set("level", parent.node().get("level"));
        }
        target.add(found.node());
    }

    private void deprecate(String at, DraftApi.Change change) {
        Found found = existing(at, change.code());
        if (found == null) {
            return;
        }
        if (found.node().has("deprecated")) {
            fail(at + ".code", "already-deprecated", "'" + change.code() + "' is deprecated already.");
            return;
        }
        ObjectNode deprecation = found.node().putObject("deprecated");
        ArrayNode replacements = deprecation.putArray("replacedBy");
        for (String code : change.replacedBy() == null ? List.<String>of() : change.replacedBy()) {
            replacements.add(code);
        }
        if (change.reason() != null && !change.reason().isBlank()) {
            deprecation.put("reason", change.reason().strip());
        }
    }

    private Found existing(String at, String code) {
        Found found = find(code);
        if (found == null) {
            fail(at + ".code", "unknown-code", "The draft has no concept '" + code + "'.");
        }
        return found;
    }

    private Found find(String code) {
        Found found = findIn(tree.get("impactGoals"), code, "impact-goal", null);
        found = found != null ? found : findIn(tree.get("priorityGroups"), code, "priority-group", null);
        found = found != null ? found : findIn(tree.get("measures"), code, "measure", null);
        found = found != null ? found : findIn(tree.get("outputTypes"), code, "output-type", null);
        if (found != null || !(tree.get("priorityAreas") instanceof ArrayNode areas)) {
            return found;
        }
        for (int a = 0; a < areas.size(); a++) {
            ObjectNode area = (ObjectNode) areas.get(a);
            if (code.equals(area.path("code").asText())) {
                return new Found(areas, a, area, "priority-area", null);
            }
            found = findIn(area.get("systemsOutcomes"), code, "systems-outcome", area);
            if (found != null) {
                return found;
            }
            if (area.get("highLevelOutcomes") instanceof ArrayNode hlos) {
                for (int h = 0; h < hlos.size(); h++) {
                    ObjectNode hlo = (ObjectNode) hlos.get(h);
                    if (code.equals(hlo.path("code").asText())) {
                        return new Found(hlos, h, hlo, "high-level-outcome", area);
                    }
                    found = findIn(hlo.get("programmeOutcomes"), code, "programme-outcome", hlo);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }

    private static Found findIn(JsonNode list, String code, String kind, ObjectNode parent) {
        if (list instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (code.equals(array.get(i).path("code").asText())) {
                    return new Found(array, i, (ObjectNode) array.get(i), kind, parent);
                }
            }
        }
        return null;
    }

    private void fail(String field, String code, String message) {
        errors.add(new FieldError(field, code, message));
    }
}
