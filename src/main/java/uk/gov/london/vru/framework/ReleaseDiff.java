package uk.gov.london.vru.framework;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonInclude;

import uk.gov.london.vru.framework.Concepts.Concept;

/**
 * What changed between two releases, each change labelled breaking or not, and the version bump it needs.
 *
 * <p>The rules (also in the contract): a concept added is not breaking (minor); deprecated, moved to another
 * parent, or removed is breaking (major); a changed field is breaking (major) unless it is a wording fix: a note,
 * or a text whose letters and digits are unchanged or that differs by at most {@value #TYPO_DISTANCE} characters
 * (patch). A level, a measure's kind, value type, range or direction is meaning; a measure evidencing more outcomes
 * is an addition (minor), fewer is breaking.
 */
public final class ReleaseDiff {

    /** The largest edit distance still counted as a typo fix. */
    static final int TYPO_DISTANCE = 3;

    /** The bump a set of changes needs. */
    public enum Bump {
        NONE, PATCH, MINOR, MAJOR;

        public SemanticVersion apply(SemanticVersion base) {
            return switch (this) {
                case MAJOR -> new SemanticVersion(base.major() + 1, 0, 0);
                case MINOR -> new SemanticVersion(base.major(), base.minor() + 1, 0);
                case PATCH, NONE -> new SemanticVersion(base.major(), base.minor(), base.patch() + 1);
            };
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A concept that appeared. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Added(String code, String kind, String title, String parent, boolean breaking) {
    }

    /** A concept that left (deprecated), with its replacements. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Deprecated(String code, String kind, String title, List<String> replacedBy, String reason,
            boolean breaking) {
    }

    /** A concept now under another parent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Moved(String code, String kind, String fromParent, String toParent, boolean breaking) {
    }

    /** One field of a concept that changed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Changed(String code, String kind, String field, String oldValue, String newValue, boolean breaking) {
    }

    /** A concept missing from the newer release without having been deprecated (never in a sound release). */
    public record Removed(String code, String kind, String title, boolean breaking) {
    }

    /** The whole comparison. */
    public record Diff(String from, String to, boolean breaking, String requiredBump, List<Added> added,
            List<Deprecated> deprecated, List<Moved> moved, List<Changed> changed, List<Removed> removed) {
    }

    private ReleaseDiff() {
    }

    public static Diff between(String fromVersion, ReleaseDocument from, String toVersion, ReleaseDocument to) {
        Map<String, Concept> before = Concepts.of(from);
        Map<String, Concept> after = Concepts.of(to);
        List<Added> added = new ArrayList<>();
        List<Deprecated> deprecated = new ArrayList<>();
        List<Moved> moved = new ArrayList<>();
        List<Changed> changed = new ArrayList<>();
        List<Removed> removed = new ArrayList<>();
        boolean additions = false;
        boolean wording = false;
        for (Concept now : after.values()) {
            Concept was = before.get(now.code());
            if (was == null) {
                added.add(new Added(now.code(), now.kind(), now.label(), now.parent(), false));
                continue;
            }
            if (now.deprecated() != null && was.deprecated() == null) {
                deprecated.add(new Deprecated(now.code(), now.kind(), now.label(),
                        ReleaseDocuments.list(now.deprecated().replacedBy()), now.deprecated().reason(), true));
            }
            if (!java.util.Objects.equals(was.parent(), now.parent())) {
                moved.add(new Moved(now.code(), now.kind(), was.parent(), now.parent(), true));
            }
            Set<String> fields = new TreeSet<>(was.fields().keySet());
            fields.addAll(now.fields().keySet());
            for (String field : fields) {
                String old = was.fields().get(field);
                String updated = now.fields().get(field);
                if (!java.util.Objects.equals(old, updated)) {
                    boolean breaking = isBreaking(field, old, updated);
                    changed.add(new Changed(now.code(), now.kind(), field, old, updated, breaking));
                    if (!breaking && "outcomes".equals(field)) {
                        additions = true;
                    } else if (!breaking) {
                        wording = true;
                    }
                }
            }
        }
        for (Concept was : before.values()) {
            if (!after.containsKey(was.code())) {
                removed.add(new Removed(was.code(), was.kind(), was.label(), true));
            }
        }
        boolean breaking = !deprecated.isEmpty() || !moved.isEmpty() || !removed.isEmpty()
                || changed.stream().anyMatch(Changed::breaking);
        Bump bump = breaking ? Bump.MAJOR : !added.isEmpty() || additions ? Bump.MINOR : wording ? Bump.PATCH
                : Bump.NONE;
        return new Diff(fromVersion, toVersion, breaking, bump.code(), added, deprecated, moved, changed, removed);
    }

    static boolean isBreaking(String field, String old, String updated) {
        if ("note".equals(field)) {
            return false;
        }
        if ("outcomes".equals(field)) {
            Set<String> was = words(old);
            return !words(updated).containsAll(was);
        }
        if (Concepts.textFields().contains(field)) {
            return !isWordingFix(old, updated);
        }
        return true;
    }

    /** True when two texts differ only in punctuation, case and spacing, or by a typo. */
    static boolean isWordingFix(String old, String updated) {
        if (old == null || updated == null) {
            return false;
        }
        String a = letters(old);
        String b = letters(updated);
        return a.equals(b) || distance(old, updated, TYPO_DISTANCE) <= TYPO_DISTANCE;
    }

    private static Set<String> words(String text) {
        return text == null || text.isBlank() ? Set.of() : new HashSet<>(Arrays.asList(text.split(" ")));
    }

    private static String letters(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    /** Levenshtein distance, or {@code limit + 1} as soon as it exceeds {@code limit}. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int best = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                best = Math.min(best, current[j]);
            }
            if (best > limit) {
                return limit + 1;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
