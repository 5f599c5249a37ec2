package uk.gov.london.vru.framework;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.annotation.JsonInclude;

import uk.gov.london.vru.audit.AuditLog;
import uk.gov.london.vru.common.ApiProblem;
import uk.gov.london.vru.common.FieldError;
import uk.gov.london.vru.common.ProblemType;
import uk.gov.london.vru.common.Times;
import uk.gov.london.vru.framework.Concepts.Concept;

/** A published release's later life (deprecated, withdrawn), and a concept's history across releases. */
@ApplicationScoped
public class ReleaseLifecycle {

    /** One release's view of a concept. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryEntry(String release, ReleaseStatus releaseStatus, String change, String title,
            String parent, List<ReleaseDiff.Changed> changes, List<String> replacedBy) {
    }

    /** A concept across every release. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record History(String code, String kind, String title, String firstAppeared, String deprecatedIn,
            List<String> replacedBy, List<HistoryEntry> releases) {
    }

    @Inject
    ReleaseService releases;

    @Inject
    FrameworkEvents events;

    @Inject
    AuditLog audit;

    @Transactional
    public ReleaseSummary deprecate(String version, DraftApi.StatusChange change) {
        FrameworkRelease release = locked(version);
        if (release.status != ReleaseStatus.PUBLISHED) {
            throw new ApiProblem(ProblemType.CONFLICT, "Only a published release can be deprecated; " + version
                    + " is " + release.status.name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        String successor = change == null ? null : change.successor();
        if (successor != null) {
            FrameworkRelease next = FrameworkRelease.find("version", successor).firstResult();
            if (next == null || next.status != ReleaseStatus.PUBLISHED
                    || next.semanticVersion().compareTo(release.semanticVersion()) <= 0) {
                throw ApiProblem.invalid("The successor must be a later published release.",
                        List.of(new FieldError("successor", "invalid-successor",
                                "'" + successor + "' is not a published release later than " + version + ".")));
            }
        }
        return transition(release, ReleaseStatus.DEPRECATED, successor, change == null ? null : change.reason(),
                FrameworkEvent.DEPRECATED);
    }

    @Transactional
    public ReleaseSummary withdraw(String version, DraftApi.StatusChange change) {
        FrameworkRelease release = locked(version);
        if (release.status == ReleaseStatus.WITHDRAWN) {
            throw new ApiProblem(ProblemType.CONFLICT, "Release " + version + " is withdrawn already.");
        }
        if (change == null || change.reason() == null || change.reason().isBlank()) {
            throw ApiProblem.invalid("Say why the release is withdrawn.",
                    List.of(new FieldError("reason", "required", "A withdrawal needs a reason.")));
        }
        return transition(release, ReleaseStatus.WITHDRAWN, release.successorVersion, change.reason(),
                FrameworkEvent.WITHDRAWN);
    }

    private ReleaseSummary transition(FrameworkRelease release, ReleaseStatus status, String successor,
            String reason, String eventType) {
        ReleaseSummary before = ReleaseSummary.of(release);
        releases.changing();
        release.status = status;
        release.successorVersion = successor;
        release.statusReason = reason;
        release.statusChangedAt = Times.now();
        release.updatedAt = release.statusChangedAt;
        release.flush();
        ReleaseSummary after = ReleaseSummary.of(release);
        events.append(eventType, new FrameworkEvents.Payload(release.version,
                status.name().toLowerCase(java.util.Locale.ROOT), release.contentHash, successor, reason, after.href()));
        audit.record("framework-release." + status.name().toLowerCase(java.util.Locale.ROOT), "framework-release",
                release.version, before, after);
        return after;
    }

    private static FrameworkRelease locked(String version) {
        if (SemanticVersion.parse(version).isEmpty()) {
            throw ApiProblem.invalid("'" + version + "' is not a semantic version.",
                    List.of(new FieldError("version", "invalid-version", "Use MAJOR.MINOR.PATCH.")));
        }
        FrameworkRelease release = FrameworkRelease.find("version", version).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
        if (release == null) {
            throw ApiProblem.notFound("There is no framework release " + version + ".");
        }
        return release;
    }

    /** A concept by code across every release, oldest first; 404 when no release ever had it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public History history(String code) {
        List<FrameworkRelease> all = FrameworkRelease.<FrameworkRelease>find(
                "order by major, minor, patch").list();
        List<HistoryEntry> entries = new ArrayList<>();
        Concept previous = null;
        String firstAppeared = null;
        String deprecatedIn = null;
        Concept latest = null;
        for (FrameworkRelease release : all) {
            Map<String, Concept> concepts = Concepts.of(releases.resolve(release.version).content().document());
            Concept now = concepts.get(code);
            if (now == null) {
                if (previous != null) {
                    entries.add(new HistoryEntry(release.version, release.status, "absent", null, null, null, null));
                }
                continue;
            }
            List<ReleaseDiff.Changed> changes = new ArrayList<>();
            String kind;
            if (previous == null) {
                kind = "added";
                firstAppeared = firstAppeared == null ? release.version : firstAppeared;
            } else {
                for (String field : new java.util.TreeSet<>(union(previous.fields(), now.fields()))) {
                    String old = previous.fields().get(field);
                    String updated = now.fields().get(field);
                    if (!Objects.equals(old, updated)) {
                        changes.add(new ReleaseDiff.Changed(code, now.kind(), field, old, updated,
                                ReleaseDiff.isBreaking(field, old, updated)));
                    }
                }
                kind = now.deprecated() != null && previous.deprecated() == null ? "deprecated"
                        : !Objects.equals(previous.parent(), now.parent()) ? "moved"
                        : changes.isEmpty() ? "unchanged" : "changed";
            }
            if (now.deprecated() != null && deprecatedIn == null) {
                deprecatedIn = now.deprecated().since() != null ? now.deprecated().since() : release.version;
            }
            entries.add(new HistoryEntry(release.version, release.status, kind, now.label(), now.parent(),
                    changes.isEmpty() ? null : changes,
                    now.deprecated() == null ? null : ReleaseDocuments.list(now.deprecated().replacedBy())));
            previous = now;
            latest = now;
        }
        if (latest == null) {
            throw ApiProblem.notFound("No release has a concept '" + code + "'.");
        }
        return new History(code, latest.kind(), latest.label(), firstAppeared, deprecatedIn,
                latest.deprecated() == null ? null : ReleaseDocuments.list(latest.deprecated().replacedBy()),
                entries);
    }

    private static java.util.Set<String> union(Map<String, String> a, Map<String, String> b) {
        java.util.Set<String> keys = new java.util.HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }
}
