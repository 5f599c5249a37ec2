package uk.gov.london.vru.programme;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What clients send and receive for programme registrations. */
public final class ProgrammeApi {

    private ProgrammeApi() {
    }

    /**
     * A registration: what a partner proposes. {@code organisation} may be left out (a partner's own); an
     * administrator registering on a partner's behalf names it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Registration(
            @Size(max = 36) String organisation,
            @NotBlank @Size(max = 300) String title,
            @Size(max = 5000) String description,
            @NotBlank @Size(max = 64) String primaryPriorityArea,
            @Size(max = 20) List<@NotBlank String> priorityGroups,
            @NotEmpty @Size(max = 33) List<@NotBlank String> boroughs,
            @NotNull LocalDate startDate,
            @NotNull LocalDate endDate,
            @Size(max = 200) String fundingStream,
            @NotBlank @Size(max = 32) String release,
            @NotEmpty @Size(max = 200) List<@NotNull @Valid SelectedOutcome> outcomes,
            @Size(max = 100) List<@NotNull @Valid ExpectedOutput> outputs) {
    }

    /** A programme outcome the programme will report on, with the measures it will use. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SelectedOutcome(@NotBlank @Size(max = 64) String outcome,
            @Size(max = 20) List<@NotNull @Valid SelectedMeasure> measures) {
    }

    /** A measure for an outcome, with an optional target value. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SelectedMeasure(@NotBlank @Size(max = 64) String measure, BigDecimal target) {
    }

    /** An output the programme expects to report each quarter, with its quarterly target. */
    public record ExpectedOutput(@NotBlank @Size(max = 64) String outputType,
            @NotNull @Min(0) @Max(10_000_000) Integer quarterlyTarget) {
    }

    /** A programme as served. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(String id, String organisation, String status, String statusReason, String title,
            String description, String primaryPriorityArea, List<String> priorityGroups, List<String> boroughs,
            LocalDate startDate, LocalDate endDate, String fundingStream, String release,
            List<SelectedOutcome> outcomes, List<ExpectedOutput> outputs, String createdBy, Instant createdAt,
            Instant updatedAt, String href) {
    }

    /** A lifecycle action's body: a reason, required when returning a registration. */
    public record Action(@Size(max = 2000) String reason) {
    }

    /** How one selected outcome fares in a newer release. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OutcomeImpact(String outcome, String status, List<String> replacedBy, String reason) {
    }

    /** The impact of moving a programme to another release. */
    public record MigrationPreview(String from, String to, boolean choicesNeeded, List<OutcomeImpact> outcomes) {
    }

    /** For one deprecated outcome: the outcomes to select instead (none drops it). */
    public record Choice(@NotBlank @Size(max = 64) String outcome, @NotNull @Size(max = 20) List<@NotBlank String> replaceWith) {
    }

    /** Moving to a release, with a choice for each selected outcome it deprecates. */
    public record Migration(@NotBlank @Size(max = 32) String to, @Size(max = 200) List<@NotNull @Valid Choice> choices) {
    }
}
