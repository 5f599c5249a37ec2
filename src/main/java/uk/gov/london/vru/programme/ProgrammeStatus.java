package uk.gov.london.vru.programme;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A registration's life: a partner drafts and submits it; a commissioner approves it or returns it with a reason
 * (the partner then changes and resubmits it); approved programmes become active, and finally close.
 */
public enum ProgrammeStatus {
    @JsonProperty("draft") DRAFT,
    @JsonProperty("submitted") SUBMITTED,
    @JsonProperty("returned") RETURNED,
    @JsonProperty("approved") APPROVED,
    @JsonProperty("active") ACTIVE,
    @JsonProperty("closed") CLOSED;

    /** The actions, the states each may start from, and where each leads. */
    public enum Action {
        SUBMIT(Set.of(DRAFT, RETURNED), SUBMITTED),
        APPROVE(Set.of(SUBMITTED), APPROVED),
        RETURN(Set.of(SUBMITTED), RETURNED),
        ACTIVATE(Set.of(APPROVED), ACTIVE),
        CLOSE(Set.of(APPROVED, ACTIVE), CLOSED);

        final Set<ProgrammeStatus> from;
        final ProgrammeStatus to;

        Action(Set<ProgrammeStatus> from, ProgrammeStatus to) {
            this.from = from;
            this.to = to;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Registrations change only while the partner holds them. */
    public boolean isEditable() {
        return this == DRAFT || this == RETURNED;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static final Map<String, Action> ACTIONS = Map.of("submit", Action.SUBMIT, "approve", Action.APPROVE, "return",
            Action.RETURN, "activate", Action.ACTIVATE, "close", Action.CLOSE);
}
