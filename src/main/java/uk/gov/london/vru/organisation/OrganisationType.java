package uk.gov.london.vru.organisation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What kind of organisation: the commissioner (the VRU and its parent bodies) or a kind of delivery partner. */
public enum OrganisationType {
    @JsonProperty("commissioner") COMMISSIONER,
    @JsonProperty("grassroots") GRASSROOTS,
    @JsonProperty("voluntary-sector") VOLUNTARY_SECTOR,
    @JsonProperty("local-authority") LOCAL_AUTHORITY,
    @JsonProperty("school") SCHOOL,
    @JsonProperty("college") COLLEGE,
    @JsonProperty("nhs") NHS,
    @JsonProperty("other") OTHER
}
