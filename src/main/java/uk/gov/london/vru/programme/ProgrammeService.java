package uk.gov.london.vru.programme;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.gov.london.vru.audit.AuditLog;
import uk.gov.london.vru.common.ApiProblem;
import uk.gov.london.vru.common.FieldError;
import uk.gov.london.vru.common.Ids;
import uk.gov.london.vru.common.Preconditions;
import uk.gov.london.vru.common.ProblemType;
import uk.gov.london.vru.common.Times;
import uk.gov.london.vru.framework.Concepts.Concept;
import uk.gov.london.vru.framework.LoadedRelease;
import uk.gov.london.vru.framework.ReleaseDocument;
import uk.gov.london.vru.framework.ReleaseService;
import uk.gov.london.vru.framework.ReleaseStatus;
import uk.gov.london.vru.framework.SemanticVersion;
import uk.gov.london.vru.organisation.Organisation;
import uk.gov.london.vru.reference.Boroughs;
import uk.gov.london.vru.security.AccessScope;
import uk.gov.london.vru.security.Caller;

/**
 * Programme registrations: validated against the framework release they name, owned by one organisation (the
 * shared {@link AccessScope} decides who sees them), changed only with the version read, moved between releases
 * only with an explicit choice for every outcome the newer release deprecates. Every write is audited.
 */
@ApplicationScoped
public class ProgrammeService {

    static final String TARGET = "programme";

    /** Filters of the programme list; each may be null. */
    public record Filter(String organisation, String priorityArea, String outcome, String borough, String status,
            String release) {
    }

    @Inject
    ReleaseService releases;

    @Inject
    Boroughs boroughs;

    @Inject
    AccessScope scope;

    @Inject
    Caller caller;

    @Inject
    AuditLog audit;

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager entityManager;

    @Transactional
    public Programme create(ProgrammeApi.Registration registration) {
        String organisation = owner(registration.organisation());
        ProgrammeApi.Registration checked = validated(registration, organisation);
        Programme programme = new Programme();
        programme.id = Ids.next();
        programme.organisationId = organisation;
        programme.status = ProgrammeStatus.DRAFT;
        programme.createdBy = caller.subject();
        programme.createdAt = Times.now();
        apply(programme, checked);
        programme.persistAndFlush();
        index(programme, checked, true);
        audit.record("programme.create", TARGET, programme.id, null, view(programme));
        return programme;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Programme get(String id) {
        Programme programme = Programme.findById(id);
        return scope.visible(programme, programme == null ? null : programme.organisationId,
                "There is no programme " + id + ".");
    }

    @Transactional
    public Programme update(String id, OptionalLong expectedVersion, ProgrammeApi.Registration registration) {
        Programme programme = locked(id);
        Preconditions.requireVersion(expectedVersion, programme.version);
        if (!programme.status.isEditable()) {
            throw new ApiProblem(ProblemType.CONFLICT, "A " + programme.status.code()
                    + " registration does not change; only draft and returned ones do.");
        }
        if (registration.organisation() != null && !registration.organisation().equals(programme.organisationId)) {
            throw ApiProblem.invalid("A programme stays with its organisation.", List.of(new FieldError(
                    "organisation", "immutable", "The organisation of a registration cannot change.")));
        }
        ProgrammeApi.Registration checked = validated(registration, programme.organisationId);
        ProgrammeApi.View before = view(programme);
        apply(programme, checked);
        programme.flush();
        index(programme, checked, false);
        audit.record("programme.update", TARGET, programme.id, before, view(programme));
        return programme;
    }

    /** A lifecycle action; illegal in the current state is 409. */
    @Transactional
    public Programme act(String id, ProgrammeStatus.Action action, String reason) {
        Programme programme = locked(id);
        if (!action.from.contains(programme.status)) {
            throw new ApiProblem(ProblemType.CONFLICT, "A " + programme.status.code() + " registration cannot be "
                    + "given '" + action.code() + "'; it can from: " + action.from.stream().map(ProgrammeStatus::code)
                            .sorted().toList() + ".");
        }
        if (action == ProgrammeStatus.Action.RETURN && (reason == null || reason.isBlank())) {
            throw ApiProblem.invalid("Say why the registration is returned.",
                    List.of(new FieldError("reason", "required", "Returning a registration needs a reason.")));
        }
        ProgrammeApi.View before = view(programme);
        programme.status = action.to;
        programme.statusReason = reason == null || reason.isBlank() ? null : reason.strip();
        programme.updatedAt = Times.now();
        programme.flush();
        audit.record("programme." + action.code(), TARGET, programme.id, before, view(programme));
        return programme;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ProgrammeApi.MigrationPreview preview(String id, String to) {
        Programme programme = get(id);
        LoadedRelease target = targetRelease(programme, to);
        List<ProgrammeApi.OutcomeImpact> impacts = new ArrayList<>();
        for (ProgrammeApi.SelectedOutcome selected : registration(programme).outcomes()) {
            Optional<Concept> concept = target.concept(selected.outcome());
            if (concept.isEmpty()) {
                impacts.add(new ProgrammeApi.OutcomeImpact(selected.outcome(), "absent", List.of(), null));
            } else if (concept.get().deprecated() != null) {
                ReleaseDocument.Deprecation deprecation = concept.get().deprecated();
                impacts.add(new ProgrammeApi.OutcomeImpact(selected.outcome(), "deprecated",
                        deprecation.replacedBy() == null ? List.of() : deprecation.replacedBy(), deprecation.reason()));
            } else {
                impacts.add(new ProgrammeApi.OutcomeImpact(selected.outcome(), "unchanged", null, null));
            }
        }
        boolean choices = impacts.stream().anyMatch(impact -> !"unchanged".equals(impact.status()));
        return new ProgrammeApi.MigrationPreview(programme.releaseVersion, target.version(), choices, impacts);
    }

    /** Moves the programme to a later release, replacing each deprecated outcome as the caller chose. */
    @Transactional
    public Programme migrate(String id, OptionalLong expectedVersion, ProgrammeApi.Migration migration) {
        Programme programme = locked(id);
        Preconditions.requireVersion(expectedVersion, programme.version);
        if (programme.status == ProgrammeStatus.CLOSED) {
            throw new ApiProblem(ProblemType.CONFLICT, "A closed programme stays on its release.");
        }
        ProgrammeApi.MigrationPreview preview = preview(id, migration.to());
        Map<String, ProgrammeApi.Choice> choices = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        List<ProgrammeApi.Choice> given = migration.choices() == null ? List.of() : migration.choices();
        for (int i = 0; i < given.size(); i++) {
            ProgrammeApi.Choice choice = given.get(i);
            ProgrammeApi.OutcomeImpact impact = preview.outcomes().stream()
                    .filter(candidate -> candidate.outcome().equals(choice.outcome())
                            && !"unchanged".equals(candidate.status()))
                    .findFirst().orElse(null);
            if (impact == null) {
                errors.add(new FieldError("choices[" + i + "].outcome", "no-choice-needed", "'" + choice.outcome()
                        + "' is not a selected outcome that " + preview.to() + " deprecates."));
            } else if (!programme.status.isEditable()) {
                // An approved registration keeps what was approved: only the release's own replacements.
                for (String replacement : choice.replaceWith()) {
                    if (impact.replacedBy() == null || !impact.replacedBy().contains(replacement)) {
                        errors.add(new FieldError("choices[" + i + "].replaceWith", "not-a-replacement", "An "
                                + programme.status.code() + " registration may take only the replacements "
                                + preview.to() + " names for '" + choice.outcome() + "': " + impact.replacedBy()
                                + ". Other outcomes need a returned registration."));
                    }
                }
            }
            choices.put(choice.outcome(), choice);
        }
        for (ProgrammeApi.OutcomeImpact impact : preview.outcomes()) {
            if (!"unchanged".equals(impact.status()) && !choices.containsKey(impact.outcome())) {
                errors.add(new FieldError("choices", "missing-choice", "Choose what replaces '" + impact.outcome()
                        + "' (" + impact.status() + " in " + preview.to() + "; suggested: " + impact.replacedBy()
                        + "), or choose none to drop it."));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The migration needs a choice for every outcome the release deprecates.", errors);
        }
        ProgrammeApi.Registration current = registration(programme);
        LoadedRelease target = releases.resolve(preview.to()).content();
        Map<String, ProgrammeApi.SelectedOutcome> outcomes = new LinkedHashMap<>();
        for (ProgrammeApi.SelectedOutcome selected : current.outcomes()) {
            ProgrammeApi.Choice choice = choices.get(selected.outcome());
            if (choice == null) {
                outcomes.putIfAbsent(selected.outcome(), selected);
                continue;
            }
            for (String replacement : choice.replaceWith()) {
                List<ProgrammeApi.SelectedMeasure> measures = selected.measures() == null ? List.of()
                        : selected.measures().stream().filter(m -> fits(target, m.measure(), replacement)).toList();
                outcomes.putIfAbsent(replacement, new ProgrammeApi.SelectedOutcome(replacement,
                        measures.isEmpty() ? null : measures));
            }
        }
        ProgrammeApi.Registration moved = new ProgrammeApi.Registration(programme.organisationId, current.title(),
                current.description(), current.primaryPriorityArea(), current.priorityGroups(), current.boroughs(),
                current.startDate(), current.endDate(), current.fundingStream(), preview.to(),
                new ArrayList<>(outcomes.values()), current.outputs());
        ProgrammeApi.Registration checked = validated(moved, programme.organisationId);
        ProgrammeApi.View before = view(programme);
        apply(programme, checked);
        programme.flush();
        index(programme, checked, false);
        audit.record("programme.migrate", TARGET, programme.id, before,
                Map.of("programme", view(programme), "choices", given));
        return programme;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Programme> list(Filter filter, int page, int size) {
        Query query = query(filter);
        @SuppressWarnings("unchecked")
        List<Programme> list = parameters(entityManager.createNativeQuery("SELECT p.* FROM programme p WHERE "
                + query.where + " ORDER BY p.created_at, p.id LIMIT " + size + " OFFSET " + (long) (page - 1) * size,
                Programme.class), query.parameters).getResultList();
        return list;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(Filter filter) {
        Query query = query(filter);
        return ((Number) parameters(entityManager.createNativeQuery("SELECT COUNT(*) FROM programme p WHERE "
                + query.where), query.parameters).getSingleResult()).longValue();
    }

    private record Query(String where, Map<String, Object> parameters) {
    }

    private Query query(Filter filter) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        Optional<String> only = scope.organisationFilter();
        if (only.isPresent()) {
            where.append(" AND p.organisation_id = :scope");
            parameters.put("scope", only.get());
        }
        if (filter.organisation() != null) {
            where.append(" AND p.organisation_id = :organisation");
            parameters.put("organisation", filter.organisation());
        }
        if (filter.priorityArea() != null) {
            where.append(" AND p.primary_priority_area = :area");
            parameters.put("area", filter.priorityArea());
        }
        if (filter.status() != null) {
            where.append(" AND p.status = :status");
            parameters.put("status", filter.status().toUpperCase(java.util.Locale.ROOT));
        }
        if (filter.release() != null) {
            where.append(" AND p.release_version = :release");
            parameters.put("release", filter.release());
        }
        if (filter.outcome() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM programme_outcome o WHERE o.programme_id = p.id"
                    + " AND o.outcome_code = :outcome)");
            parameters.put("outcome", filter.outcome());
        }
        if (filter.borough() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM programme_borough b WHERE b.programme_id = p.id"
                    + " AND b.borough_code = :borough)");
            parameters.put("borough", filter.borough());
        }
        return new Query(where.toString(), parameters);
    }

    private static jakarta.persistence.Query parameters(jakarta.persistence.Query query, Map<String, Object> values) {
        values.forEach(query::setParameter);
        return query;
    }

    /** The organisation a new registration belongs to. */
    private String owner(String requested) {
        if (caller.isScopedToOrganisation()) {
            String own = scope.organisationFilter().orElseThrow();
            if (requested != null && !requested.equals(own)) {
                throw new ApiProblem(ProblemType.FORBIDDEN,
                        "A partner registers programmes for its own organisation only.");
            }
            return own;
        }
        if (requested == null || Organisation.findById(requested) == null) {
            throw ApiProblem.invalid("Name the organisation the programme belongs to.", List.of(new FieldError(
                    "organisation", requested == null ? "required" : "unknown", "Give the id of a registered organisation.")));
        }
        return requested;
    }

    /** The registration with its release pinned to a version, or a problem listing every rule it breaks. */
    ProgrammeApi.Registration validated(ProgrammeApi.Registration registration, String organisation) {
        List<FieldError> errors = new ArrayList<>();
        LoadedRelease release = null;
        try {
            ReleaseService.Resolved resolved = releases.resolve(registration.release());
            if (resolved.summary().status() == ReleaseStatus.WITHDRAWN) {
                errors.add(new FieldError("release", "withdrawn", "Release " + resolved.summary().version()
                        + " is withdrawn: register against a current release."));
            } else {
                release = resolved.content();
            }
        } catch (ApiProblem problem) {
            errors.add(new FieldError("release", "unknown-release", "'" + registration.release()
                    + "' is not a published release (use a version such as 1.0.0, or latest)."));
        }
        if (!registration.endDate().isAfter(registration.startDate())) {
            errors.add(new FieldError("endDate", "dates-out-of-order", "The end date is after the start date."));
        }
        Set<String> seen = new HashSet<>();
        List<String> boroughCodes = registration.boroughs();
        for (int i = 0; i < boroughCodes.size(); i++) {
            if (boroughs.find(boroughCodes.get(i)).isEmpty()) {
                errors.add(new FieldError("boroughs[" + i + "]", "unknown-borough", "'" + boroughCodes.get(i)
                        + "' is not the ONS code of a London borough (E09000001 to E09000033)."));
            } else if (!seen.add(boroughCodes.get(i))) {
                errors.add(new FieldError("boroughs[" + i + "]", "duplicate", "This borough is listed twice."));
            }
        }
        if (release != null) {
            concept(release, "primaryPriorityArea", registration.primaryPriorityArea(), "priority-area", errors);
            List<String> groups = registration.priorityGroups() == null ? List.of() : registration.priorityGroups();
            for (int i = 0; i < groups.size(); i++) {
                concept(release, "priorityGroups[" + i + "]", groups.get(i), "priority-group", errors);
            }
            Set<String> outcomes = new HashSet<>();
            for (int i = 0; i < registration.outcomes().size(); i++) {
                ProgrammeApi.SelectedOutcome selected = registration.outcomes().get(i);
                String at = "outcomes[" + i + "]";
                if (!outcomes.add(selected.outcome())) {
                    errors.add(new FieldError(at + ".outcome", "duplicate", "This outcome is selected twice."));
                    continue;
                }
                boolean outcomeOk = concept(release, at + ".outcome", selected.outcome(), "programme-outcome", errors);
                List<ProgrammeApi.SelectedMeasure> measures = selected.measures() == null ? List.of()
                        : selected.measures();
                Set<String> measureCodes = new HashSet<>();
                for (int m = 0; m < measures.size(); m++) {
                    ProgrammeApi.SelectedMeasure measure = measures.get(m);
                    String mat = at + ".measures[" + m + "]";
                    if (!measureCodes.add(measure.measure())) {
                        errors.add(new FieldError(mat + ".measure", "duplicate", "This measure is listed twice."));
                    } else if (concept(release, mat + ".measure", measure.measure(), "measure", errors)) {
                        if (outcomeOk && !fits(release, measure.measure(), selected.outcome())) {
                            errors.add(new FieldError(mat + ".measure", "measure-does-not-fit", "'" + measure.measure()
                                    + "' does not evidence '" + selected.outcome() + "' in release " + release.version()
                                    + "."));
                        }
                        inRange(release, measure, mat + ".target", errors);
                    }
                }
            }
            List<ProgrammeApi.ExpectedOutput> outputs = registration.outputs() == null ? List.of()
                    : registration.outputs();
            Set<String> outputTypes = new HashSet<>();
            for (int i = 0; i < outputs.size(); i++) {
                if (!outputTypes.add(outputs.get(i).outputType())) {
                    errors.add(new FieldError("outputs[" + i + "].outputType", "duplicate", "This output is listed twice."));
                } else {
                    concept(release, "outputs[" + i + "].outputType", outputs.get(i).outputType(), "output-type", errors);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The registration breaks " + errors.size() + " rule(s): see errors.", errors);
        }
        return new ProgrammeApi.Registration(organisation, registration.title().strip(), registration.description(),
                registration.primaryPriorityArea(), registration.priorityGroups(), registration.boroughs(),
                registration.startDate(), registration.endDate(), registration.fundingStream(), release.version(),
                registration.outcomes(), registration.outputs());
    }

    /** True when the code is a current concept of that kind; otherwise adds the error and returns false. */
    private static boolean concept(LoadedRelease release, String field, String code, String kind,
            List<FieldError> errors) {
        Optional<Concept> concept = release.concept(code);
        if (concept.isEmpty() || !concept.get().kind().equals(kind)) {
            errors.add(new FieldError(field, "unknown-code", "Release " + release.version() + " has no " + kind + " '"
                    + code + "'."));
            return false;
        }
        if (concept.get().deprecated() != null) {
            ReleaseDocument.Deprecation deprecation = concept.get().deprecated();
            errors.add(new FieldError(field, "deprecated", "'" + code + "' is deprecated in release " + release.version()
                    + (deprecation.replacedBy() == null || deprecation.replacedBy().isEmpty() ? "."
                            : "; select " + String.join(" or ", deprecation.replacedBy()) + " instead.")));
            return false;
        }
        return true;
    }

    private static boolean fits(LoadedRelease release, String measure, String outcome) {
        return release.measure(measure).map(m -> m.outcomes() != null && m.outcomes().contains(outcome)).orElse(false);
    }

    private static void inRange(LoadedRelease release, ProgrammeApi.SelectedMeasure selected, String field,
            List<FieldError> errors) {
        BigDecimal target = selected.target();
        ReleaseDocument.Measure measure = release.measure(selected.measure()).orElseThrow();
        if (target != null && measure.range() != null && !measure.range().contains(target)) {
            errors.add(new FieldError(field, "out-of-range", "The target is outside " + measure.code() + "'s range "
                    + measure.range().describe() + "."));
        }
    }

    private Programme locked(String id) {
        Programme programme = Programme.findById(id, LockModeType.PESSIMISTIC_WRITE);
        return scope.visible(programme, programme == null ? null : programme.organisationId,
                "There is no programme " + id + ".");
    }

    private LoadedRelease targetRelease(Programme programme, String to) {
        ReleaseService.Resolved target = releases.resolve(to == null ? ReleaseService.LATEST : to);
        SemanticVersion from = SemanticVersion.parse(programme.releaseVersion).orElseThrow();
        SemanticVersion version = SemanticVersion.parse(target.summary().version()).orElseThrow();
        if (version.compareTo(from) <= 0 || target.summary().status() != ReleaseStatus.PUBLISHED) {
            throw ApiProblem.invalid("A programme moves only to a later published release.", List.of(new FieldError(
                    "to", "not-later", target.summary().version() + " is not a published release later than "
                            + programme.releaseVersion + ".")));
        }
        return target.content();
    }

    private void apply(Programme programme, ProgrammeApi.Registration registration) {
        programme.title = registration.title();
        programme.primaryPriorityArea = registration.primaryPriorityArea();
        programme.releaseVersion = registration.release();
        programme.startDate = registration.startDate();
        programme.endDate = registration.endDate();
        programme.updatedAt = Times.now();
        try {
            programme.registration = mapper.writeValueAsString(registration);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Rewrites the rows lists filter by (boroughs and outcomes). A new programme has none to delete, and must not
     * try: deleting absent keys takes gap locks that deadlock concurrent registrations' inserts.
     */
    private void index(Programme programme, ProgrammeApi.Registration registration, boolean created) {
        if (!created) {
            entityManager.createNativeQuery("DELETE FROM programme_borough WHERE programme_id = ?1")
                    .setParameter(1, programme.id).executeUpdate();
            entityManager.createNativeQuery("DELETE FROM programme_outcome WHERE programme_id = ?1")
                    .setParameter(1, programme.id).executeUpdate();
        }
        for (String borough : new LinkedHashSet<>(registration.boroughs())) {
            entityManager.createNativeQuery("INSERT INTO programme_borough (programme_id, borough_code) VALUES (?1, ?2)")
                    .setParameter(1, programme.id).setParameter(2, borough).executeUpdate();
        }
        for (ProgrammeApi.SelectedOutcome outcome : registration.outcomes()) {
            entityManager.createNativeQuery("INSERT INTO programme_outcome (programme_id, outcome_code) VALUES (?1, ?2)")
                    .setParameter(1, programme.id).setParameter(2, outcome.outcome()).executeUpdate();
        }
    }

    public ProgrammeApi.Registration registration(Programme programme) {
        try {
            return mapper.readValue(programme.registration, ProgrammeApi.Registration.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored registration is not readable", e);
        }
    }

    public ProgrammeApi.View view(Programme programme) {
        ProgrammeApi.Registration registration = registration(programme);
        return new ProgrammeApi.View(programme.id, programme.organisationId, programme.status.code(),
                programme.statusReason, programme.title, registration.description(), programme.primaryPriorityArea,
                registration.priorityGroups(), registration.boroughs(), programme.startDate, programme.endDate,
                registration.fundingStream(), programme.releaseVersion, registration.outcomes(), registration.outputs(),
                programme.createdBy, programme.createdAt, programme.updatedAt,
                ProgrammeResource.PATH + "/" + programme.id);
    }
}
