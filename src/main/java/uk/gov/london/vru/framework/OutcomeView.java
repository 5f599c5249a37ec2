package uk.gov.london.vru.framework;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A programme outcome with its place in the framework: the flat form of the outcome list and its CSV. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutcomeView(String code, String title, String level, String highLevelOutcome,
        String highLevelOutcomeTitle, String priorityArea, String priorityAreaName, List<String> measures,
        String note, ReleaseDocument.Deprecation deprecated) {
}
