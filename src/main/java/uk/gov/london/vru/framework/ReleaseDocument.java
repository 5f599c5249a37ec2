package uk.gov.london.vru.framework;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A framework release document: the whole Outcomes Framework of one release, as shipped in
 * {@code src/main/resources/framework/releases/*.yaml} and served as JSON by {@code GET /framework/releases/{version}}.
 *
 * <p>The same records read the reviewed YAML and write the canonical JSON, so the two cannot drift apart.
 * Programme outcomes inherit the level of their high-level outcome ({@link ReleaseDocuments#normalise}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ReleaseDocument(
        String version,
        String title,
        String edition,
        LocalDate publishedOn,
        String publisher,
        String source,
        List<String> transcriptionNotes,
        List<ImpactGoal> impactGoals,
        List<PriorityArea> priorityAreas,
        List<PriorityGroup> priorityGroups,
        List<Measure> measures,
        List<OutputType> outputTypes,
        LogicModel logicModel) {

    /** Level at which a change is experienced. */
    public enum Level {
        @JsonProperty("individual") INDIVIDUAL,
        @JsonProperty("organisational") ORGANISATIONAL,
        @JsonProperty("community") COMMUNITY;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static java.util.Optional<Level> valueOfCode(String code) {
            return java.util.Arrays.stream(values()).filter(level -> level.code().equals(code)).findFirst();
        }
    }

    /** Kind of evidence a measure is. */
    public enum MeasureKind {
        @JsonProperty("administrative-data") ADMINISTRATIVE_DATA,
        @JsonProperty("validated-tool") VALIDATED_TOOL,
        @JsonProperty("survey") SURVEY,
        @JsonProperty("outcomes-star") OUTCOMES_STAR,
        @JsonProperty("other") OTHER
    }

    /** What a measured value means. */
    public enum ValueType {
        @JsonProperty("count") COUNT,
        @JsonProperty("score") SCORE,
        @JsonProperty("percentage") PERCENTAGE
    }

    /** Which way is better. */
    public enum Direction {
        @JsonProperty("higher-is-better") HIGHER_IS_BETTER,
        @JsonProperty("lower-is-better") LOWER_IS_BETTER
    }

    /** One of the three long-term impact goals. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ImpactGoal(String code, String title, String note, Deprecation deprecated) {
    }

    /** A priority area with its strategic objective and outcomes tables. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record PriorityArea(String code, Integer number, String name, String shortName, String strategicObjective,
            String description, String note, List<HighLevelOutcome> highLevelOutcomes,
            List<SystemsOutcome> systemsOutcomes, Deprecation deprecated) {
    }

    /** A high-level outcome: a row of a priority area's outcomes table. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record HighLevelOutcome(String code, Level level, String title, String definition, String note,
            List<ProgrammeOutcome> programmeOutcomes, Deprecation deprecated) {
    }

    /** A programme-level outcome, the thing programmes select. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ProgrammeOutcome(String code, String title, Level level, String note, Deprecation deprecated) {
    }

    /** One of the Systems & Sector outcomes. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record SystemsOutcome(String code, String title, String description, String note,
            Deprecation deprecated) {
    }

    /** A group programmes target. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record PriorityGroup(String code, String name, String description, String note,
            Deprecation deprecated) {
    }

    /** A way of evidencing outcomes. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Measure(String code, String name, MeasureKind kind, ValueType valueType, Range range,
            Direction direction, String description, List<String> outcomes, String note, Deprecation deprecated) {
    }

    /**
     * A concept that has left the framework: it stays in every later release, so that its code keeps resolving,
     * with the release that deprecated it and the codes that replace it (zero or more).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Deprecation(String since, List<String> replacedBy, String reason) {
    }

    /** Inclusive bounds of a measure's values; either may be absent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Range(BigDecimal min, BigDecimal max) {

        /** True when the value lies within the bounds (a missing bound is open). */
        public boolean contains(BigDecimal value) {
            return (min == null || value.compareTo(min) >= 0) && (max == null || value.compareTo(max) <= 0);
        }

        /** The bounds for a message, for example {@code 14 to 70}. */
        public String describe() {
            return (min == null ? "" : min.toPlainString()) + " to " + (max == null ? "" : max.toPlainString());
        }
    }

    /** A countable product of programme activity. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record OutputType(String code, String name, String unit, String description, String note,
            Deprecation deprecated) {
    }

    /** Appendix 2: the outcomes framework as a logic model. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record LogicModel(List<String> rationale, List<String> assumptions, List<String> inputs,
            List<Activity> activities, List<String> outputs, List<AreaOutcomes> shorterTermOutcomes,
            List<LongTermOutcome> longTermOutcomes, List<String> impact, List<String> notes) {
    }

    /** Activities of one priority area (or cross-cutting work when the area is absent). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Activity(String priorityArea, String heading, List<String> items) {
    }

    /** Shorter-term outcomes of one priority area, by level. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record AreaOutcomes(String priorityArea, List<String> individual, List<String> organisational,
            List<String> community) {
    }

    /** A long-term outcome of one priority area. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record LongTermOutcome(String priorityArea, String title) {
    }
}
