package uk.gov.london.vru.submission;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What clients send and receive for quarterly returns. Aggregates only: no personal data. */
public final class SubmissionApi {

    private SubmissionApi() {
    }

    /** What a measured value is. */
    public enum Statistic {
        @JsonProperty("mean") MEAN,
        @JsonProperty("median") MEDIAN,
        @JsonProperty("total") TOTAL,
        @JsonProperty("percentage") PERCENTAGE
    }

    /** A quarter's return: outputs and outcome measurements. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Content(@Size(max = 200) List<@NotNull @Valid Output> outputs,
            @Size(max = 2000) List<@NotNull @Valid Measurement> measurements) {
    }

    /** How many of an output type the programme produced in the quarter. */
    public record Output(@NotBlank @Size(max = 64) String outputType,
            @NotNull @Min(0) @Max(1_000_000_000L) Long count) {
    }

    /** Decimal places a value or baseline may have. */
    public static final int MAX_DECIMALS = 10;

    /**
     * Whether a figure is within what the service stores: at most 1000000000 either way and {@value #MAX_DECIMALS}
     * decimal places. Without the second rule, 1e-999999999 passed the range check and then took the database
     * driver's decimal formatting a billion digits to write.
     */
    public static boolean isPlausible(BigDecimal value) {
        return value.abs().compareTo(BigDecimal.valueOf(1_000_000_000L)) <= 0
                && value.stripTrailingZeros().scale() <= MAX_DECIMALS;
    }

    /** An aggregate measurement of one outcome with one measure. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Measurement(@NotBlank @Size(max = 64) String outcome, @NotBlank @Size(max = 64) String measure,
            Statistic statistic,
            @NotNull @DecimalMin("-1000000000") @DecimalMax("1000000000") @Digits(integer = 10, fraction = MAX_DECIMALS)
            BigDecimal value,
            @NotNull @Min(0) @Max(10_000_000) Integer participants,
            @DecimalMin("-1000000000") @DecimalMax("1000000000") @Digits(integer = 10, fraction = MAX_DECIMALS)
            BigDecimal baseline,
            @Size(max = 2000) String comment) {
    }

    /** A return as served. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(String programme, String period, LocalDate periodStart, LocalDate periodEnd, LocalDate due,
            String status, String statusReason, int revision, boolean late, Instant submittedAt, Instant updatedAt,
            Content content, String href) {
    }

    /** One saved revision. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Revision(int revision, Instant savedAt, String savedBy, boolean late, Content content) {
    }

    /** All revisions, oldest first. */
    public record Revisions(String programme, String period, List<Revision> items) {
    }

    /** A lifecycle action's body. */
    public record Action(@Size(max = 2000) String reason) {
    }
}
