package uk.gov.london.vru.framework;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.gov.london.vru.audit.AuditLog;
import uk.gov.london.vru.common.ApiProblem;
import uk.gov.london.vru.common.FieldError;
import uk.gov.london.vru.common.Ids;
import uk.gov.london.vru.common.Preconditions;
import uk.gov.london.vru.common.ProblemType;
import uk.gov.london.vru.common.Times;
import uk.gov.london.vru.framework.Concepts.Concept;
import uk.gov.london.vru.security.Caller;

/**
 * The draft-to-publish workflow: drafts start from a release or an uploaded document, change by concept edits, and
 * publish only when every check passes. Publishing stores the release through the one loader, appends the change
 * feed event and the audit event, all in one transaction.
 */
@ApplicationScoped
public class DraftService {

    static final String TARGET = "framework-draft";

    @Inject
    ReleaseService releases;

    @Inject
    ReleaseLoader loader;

    @Inject
    FrameworkEvents events;

    @Inject
    AuditLog audit;

    @Inject
    Caller caller;

    @Transactional
    public FrameworkDraft create(DraftApi.Create create) {
        String basedOn = create.basedOn() == null || create.basedOn().isBlank() ? ReleaseService.LATEST
                : create.basedOn();
        if (create.document() != null) {
            requireWhole(create.document());
        }
        ReleaseService.Resolved base = releases.resolve(basedOn);
        ReleaseDocument document = create.document() != null ? ReleaseDocuments.normalise(create.document())
                : base.content().document();
        FrameworkDraft draft = new FrameworkDraft();
        draft.id = Ids.next();
        draft.title = create.title() != null && !create.title().isBlank() ? create.title().strip()
                : "Draft based on " + base.summary().version();
        draft.baseVersion = base.summary().version();
        draft.state = FrameworkDraft.OPEN;
        draft.document = ReleaseDocuments.canonicalJson(document);
        draft.createdBy = caller.subject();
        draft.createdAt = Times.now();
        draft.updatedAt = draft.createdAt;
        draft.persistAndFlush();
        audit.record("framework-draft.create", TARGET, draft.id, null, summary(draft));
        return draft;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public FrameworkDraft get(String id) {
        FrameworkDraft draft = FrameworkDraft.findById(id);
        if (draft == null) {
            throw ApiProblem.notFound("There is no draft " + id + ".");
        }
        return draft;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<FrameworkDraft> list() {
        return FrameworkDraft.<FrameworkDraft>find("order by createdAt desc, id").list();
    }

    /** Applies concept edits, all or none, to an open draft whose version the caller read. */
    @Transactional
    public FrameworkDraft change(String id, OptionalLong expectedVersion, List<DraftApi.Change> changes) {
        FrameworkDraft draft = get(id);
        requireOpen(draft);
        Preconditions.requireVersion(expectedVersion, draft.version);
        DraftApi.View before = summary(draft);
        ReleaseDocument edited = DraftEditor.apply(ReleaseDocuments.readJson(draft.document), changes);
        draft.document = ReleaseDocuments.canonicalJson(edited);
        draft.updatedAt = Times.now();
        draft.flush();
        audit.record("framework-draft.change", TARGET, draft.id, before, Map.of("draft", summary(draft),
                "changes", changes));
        return draft;
    }

    /** Checks the draft as the given version; publishes it unless this is a dry run. */
    @Transactional
    public DraftApi.PublishResult publish(String id, DraftApi.Publish publish) {
        FrameworkDraft draft = FrameworkDraft.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (draft == null) {
            throw ApiProblem.notFound("There is no draft " + id + ".");
        }
        if (FrameworkDraft.PUBLISHED.equals(draft.state)) {
            throw new ApiProblem(ProblemType.CONFLICT, "This draft was published already, as "
                    + draft.publishedVersion + ". Start a new draft for further changes.");
        }
        List<FieldError> errors = new ArrayList<>();
        var version = SemanticVersion.parse(publish.version());
        if (version.isEmpty()) {
            errors.add(new FieldError("version", "invalid-version", "Use MAJOR.MINOR.PATCH, for example 2.0.0."));
        }
        ReleaseService.Resolved base = releases.resolve(draft.baseVersion);
        // Publishers queue on the newest release, so two drafts of one base cannot both be published.
        FrameworkRelease latest = FrameworkRelease.<FrameworkRelease>find(
                "status = ?1 order by major desc, minor desc, patch desc", ReleaseStatus.PUBLISHED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (latest != null && !latest.version.equals(draft.baseVersion)) {
            errors.add(new FieldError("basedOn", "stale-base", "The draft is based on " + draft.baseVersion
                    + " but " + latest.version + " is the latest release: start a draft from it."));
        }
        ReleaseDocument document = withDeprecationsSince(ReleaseDocuments.readJson(draft.document),
                publish.version());
        errors.addAll(ReleaseDocuments.check(document));
        errors.addAll(replacementChecks(document));
        ReleaseDiff.Diff diff = ReleaseDiff.between(draft.baseVersion, base.content().document(), publish.version(),
                document);
        diff.removed().forEach(removed -> errors.add(new FieldError("concepts." + removed.code(),
                "missing-disposition", "'" + removed.code() + "' is in " + draft.baseVersion
                        + " but not in the draft: deprecate it (with its replacements, if any) instead of removing it.")));
        ReleaseDiff.Bump bump = ReleaseDiff.Bump.valueOf(diff.requiredBump().toUpperCase(java.util.Locale.ROOT));
        if (bump == ReleaseDiff.Bump.NONE) {
            errors.add(new FieldError("version", "no-changes", "The draft makes no change to " + draft.baseVersion
                    + "."));
        } else if (version.isPresent()) {
            SemanticVersion expected = bump.apply(base.summary() == null ? version.get()
                    : SemanticVersion.parse(draft.baseVersion).orElseThrow());
            if (!expected.equals(version.get())) {
                errors.add(new FieldError("version", "version-bump", "The changes need a " + bump.code()
                        + " release (" + (diff.breaking() ? "they break compatibility" : "they are not breaking")
                        + "): publish as " + expected + "."));
            }
            if (FrameworkRelease.count("version", publish.version()) > 0) {
                errors.add(new FieldError("version", "exists", "Release " + publish.version() + " exists."));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The draft cannot be published as " + publish.version() + ": "
                    + errors.size() + " check(s) failed, see errors.", errors);
        }
        if (Boolean.TRUE.equals(publish.dryRun())) {
            return new DraftApi.PublishResult(true, publish.version(), bump.code(), null, diff);
        }
        ReleaseDocument release = new ReleaseDocument(publish.version(), document.title(), document.edition(),
                LocalDate.now(ZoneId.of("Europe/London")), document.publisher(), document.source(),
                document.transcriptionNotes(), document.impactGoals(), document.priorityAreas(),
                document.priorityGroups(), document.measures(), document.outputTypes(), document.logicModel());
        FrameworkRelease stored = loader.insert(ReleaseDocuments.normalise(release), ReleaseStatus.PUBLISHED);
        ReleaseSummary summary = ReleaseSummary.of(stored);
        DraftApi.View before = summary(draft);
        draft.state = FrameworkDraft.PUBLISHED;
        draft.publishedVersion = stored.version;
        draft.updatedAt = Times.now();
        events.append(FrameworkEvent.PUBLISHED, new FrameworkEvents.Payload(stored.version, "published",
                stored.contentHash, null, null, summary.href()));
        audit.record("framework-release.publish", "framework-release", stored.version, null, summary);
        audit.record("framework-draft.publish", TARGET, draft.id, before, summary(draft));
        return new DraftApi.PublishResult(false, stored.version, bump.code(), summary, diff);
    }

    /**
     * An uploaded document is a whole release document: what every release has must be there (the rest is checked
     * when the draft is published). Without this, {@code "document": {}} made a draft that no edit could repair.
     */
    private static void requireWhole(ReleaseDocument document) {
        List<FieldError> errors = new ArrayList<>();
        if (document.version() == null || document.version().isBlank()) {
            errors.add(new FieldError("document.version", "required", "A release document names its version."));
        }
        if (document.title() == null || document.title().isBlank()) {
            errors.add(new FieldError("document.title", "required", "A release document has a title."));
        }
        if (document.impactGoals() == null || document.impactGoals().isEmpty()) {
            errors.add(new FieldError("document.impactGoals", "required", "A release document has impact goals."));
        }
        if (document.priorityAreas() == null || document.priorityAreas().isEmpty()) {
            errors.add(new FieldError("document.priorityAreas", "required",
                    "A release document has priority areas."));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The uploaded document is not a whole release document: see errors.", errors);
        }
    }

    private static List<FieldError> replacementChecks(ReleaseDocument document) {
        Map<String, Concept> concepts = Concepts.of(document);
        List<FieldError> errors = new ArrayList<>();
        for (Concept concept : concepts.values()) {
            if (concept.deprecated() == null) {
                continue;
            }
            for (String replacement : ReleaseDocuments.list(concept.deprecated().replacedBy())) {
                Concept target = concepts.get(replacement);
                if (target == null || target.deprecated() != null) {
                    errors.add(new FieldError("concepts." + concept.code() + ".deprecated.replacedBy",
                            "dangling-reference", "'" + replacement + "' is not a current concept of the draft."));
                }
            }
        }
        return errors;
    }

    /** Concepts deprecated in this draft record the version that deprecates them. */
    private static ReleaseDocument withDeprecationsSince(ReleaseDocument document, String version) {
        ObjectNode tree = ReleaseDocuments.toTree(document);
        stamp(tree, version);
        return ReleaseDocuments.normalise(ReleaseDocuments.fromTree(tree));
    }

    private static void stamp(JsonNode node, String version) {
        if (node instanceof ObjectNode object) {
            if (object.get("deprecated") instanceof ObjectNode deprecation && !deprecation.has("since")) {
                deprecation.put("since", version);
            }
            object.forEach(child -> stamp(child, version));
        } else if (node != null && node.isArray()) {
            node.forEach(child -> stamp(child, version));
        }
    }

    private static void requireOpen(FrameworkDraft draft) {
        if (!FrameworkDraft.OPEN.equals(draft.state)) {
            throw new ApiProblem(ProblemType.CONFLICT, "This draft was published as " + draft.publishedVersion
                    + " and no longer changes.");
        }
    }

    /** A draft without its document, for audit events. */
    static DraftApi.View summary(FrameworkDraft draft) {
        return DraftApi.View.of(draft, null);
    }
}
