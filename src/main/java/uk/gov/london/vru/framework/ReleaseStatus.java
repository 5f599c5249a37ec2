package uk.gov.london.vru.framework;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a release is in its life: only a draft changes; a published release is immutable. */
public enum ReleaseStatus {
    @JsonProperty("draft") DRAFT,
    @JsonProperty("published") PUBLISHED,
    @JsonProperty("deprecated") DEPRECATED,
    @JsonProperty("withdrawn") WITHDRAWN
}
