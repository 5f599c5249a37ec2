package uk.gov.london.vru.framework;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What clients send and receive for drafts, changes, publishing and release status. */
public final class DraftApi {

    private DraftApi() {
    }

    /**
     * Starting a draft: from a release ({@code basedOn}: a version or {@code latest}), or from an uploaded release
     * document (then {@code basedOn} names the release it will be compared with, by default the latest).
     */
    public record Create(@Size(max = 32) String basedOn, @Size(max = 500) String title, ReleaseDocument document) {
    }

    /** A draft as served, with its working document. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(String id, String title, String basedOn, String state, String publishedVersion,
            String createdBy, Instant createdAt, Instant updatedAt, String href, ReleaseDocument document) {

        static View of(FrameworkDraft draft, ReleaseDocument document) {
            return new View(draft.id, draft.title, draft.baseVersion, draft.state, draft.publishedVersion,
                    draft.createdBy, draft.createdAt, draft.updatedAt, DraftResource.PATH + "/" + draft.id, document);
        }
    }

    /** Draft summaries. */
    public record ListBody(List<View> items) {
    }

    /** What a change does. */
    public enum Op {
        @JsonProperty("add") ADD,
        @JsonProperty("reword") REWORD,
        @JsonProperty("move") MOVE,
        @JsonProperty("deprecate") DEPRECATE
    }

    /**
     * One edit. {@code add}: a new concept of {@code kind} under {@code parent} with {@code fields};
     * {@code reword}: new text for {@code fields} of {@code code}; {@code move}: {@code code} under {@code parent};
     * {@code deprecate}: {@code code} leaves, replaced by {@code replacedBy} (zero or more), for {@code reason}.
     */
    public record Change(@NotNull Op op, @NotBlank @Size(max = 64) String code, @Size(max = 32) String kind,
            @Size(max = 64) String parent, Map<String, Object> fields, List<@NotBlank String> replacedBy,
            @Size(max = 1000) String reason) {
    }

    /** Edits applied together, all or none. */
    public record Changes(@NotEmpty @Size(max = 500) List<@NotNull @Valid Change> changes) {
    }

    /** Publishing a draft as a version; {@code dryRun} only checks. */
    public record Publish(@NotBlank @Size(max = 32) String version, Boolean dryRun) {
    }

    /** The result of a successful check (dry run) or publication. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PublishResult(boolean dryRun, String version, String requiredBump, ReleaseSummary release,
            ReleaseDiff.Diff changes) {
    }

    /** Deprecating or withdrawing a release. */
    public record StatusChange(@Size(max = 32) String successor, @Size(max = 1000) String reason) {
    }
}
