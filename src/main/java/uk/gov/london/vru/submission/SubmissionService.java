package uk.gov.london.vru.submission;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.gov.london.vru.audit.AuditLog;
import uk.gov.london.vru.common.ApiProblem;
import uk.gov.london.vru.common.FieldError;
import uk.gov.london.vru.common.Ids;
import uk.gov.london.vru.common.ProblemType;
import uk.gov.london.vru.common.Times;
import uk.gov.london.vru.framework.LoadedRelease;
import uk.gov.london.vru.framework.ReleaseDocument;
import uk.gov.london.vru.framework.ReleaseService;
import uk.gov.london.vru.programme.Programme;
import uk.gov.london.vru.programme.ProgrammeService;
import uk.gov.london.vru.programme.ProgrammeStatus;
import uk.gov.london.vru.security.Caller;

/**
 * Quarterly returns: checked all or nothing against the programme and its release, saved as a new revision every
 * time (none is ever overwritten), with the current revision's figures kept as rows for reports.
 */
@ApplicationScoped
public class SubmissionService {

    static final String TARGET = "submission";
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** What a save did. */
    public enum Outcome {
        CREATED, UPDATED, UNCHANGED
    }

    /** What checking a programme's returns needs, loaded once. */
    public record Context(Programme programme, Set<String> selected, LoadedRelease release) {
    }

    /** A checked return, ready to store. */
    public record Checked(Programme programme, Period period, SubmissionApi.Content content, String json,
            String hash, List<String> priorityAreas) {
    }

    @ConfigProperty(name = "vru.submissions.due-days", defaultValue = "30")
    int dueDays;

    @Inject
    ProgrammeService programmes;

    @Inject
    ReleaseService releases;

    @Inject
    AuditLog audit;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager entityManager;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    public int dueDays() {
        return dueDays;
    }

    /** The period a path names, or a 400 problem. */
    public static Period period(String code) {
        return Period.parse(code).orElseThrow(() -> ApiProblem.invalid("'" + code + "' is not a quarter.",
                List.of(new FieldError("period", "invalid-period",
                        "Use the financial-year quarter code, for example 2025-26-Q1 (April to June 2025)."))));
    }

    /** What a save did, and the return as it stands after it: the revision this save made (or kept). */
    public record Saved(Outcome outcome, Submission submission, SubmissionApi.Content content) {
    }

    /**
     * Saves a new revision of the programme's return for the quarter, and reads it back in the same transaction,
     * while the programme's lock keeps other saves out: read afterwards, a save racing others was answered with
     * (and given the ETag of) another request's revision.
     */
    @Transactional
    public Saved save(String programmeId, String periodCode, SubmissionApi.Content content) {
        Programme programme = programmes.get(programmeId);
        Checked checked = check(context(programme), period(periodCode), content, "");
        Outcome outcome = store(checked);
        Submission submission = get(programmeId, periodCode);
        return new Saved(outcome, submission, content(submission.id, submission.revision));
    }

    /** The programme's selected outcomes and release, for checking its returns. */
    public Context context(Programme programme) {
        return context(programme, new HashMap<>());
    }

    /** The same, resolving each release once per call site's cache (a bulk import names many programmes). */
    public Context context(Programme programme, Map<String, LoadedRelease> releaseCache) {
        Set<String> selected = new HashSet<>();
        programmes.registration(programme).outcomes().forEach(o -> selected.add(o.outcome()));
        LoadedRelease release = releaseCache.computeIfAbsent(programme.releaseVersion,
                version -> releases.resolve(version).content());
        return new Context(programme, selected, release);
    }

    /** Checks a return; every problem is reported, with field paths under {@code prefix}. */
    public Checked check(Context context, Period period, SubmissionApi.Content given, String prefix) {
        List<FieldError> errors = checkInto(context, period, given, prefix);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The return breaks " + errors.size() + " rule(s): see errors.", errors);
        }
        return checked(context, period, given);
    }

    /** A return that {@link #checkInto} found sound, in canonical form, ready to store. */
    public Checked checked(Context context, Period period, SubmissionApi.Content given) {
        Programme programme = context.programme();
        LoadedRelease release = context.release();
        SubmissionApi.Content content = normalise(release, given);
        List<String> areas = new ArrayList<>();
        for (SubmissionApi.Measurement measurement : list(content.measurements())) {
            areas.add(release.outcome(measurement.outcome()).map(o -> o.priorityArea()).orElse("?"));
        }
        String json = json(content);
        return new Checked(programme, period, content, json, uk.gov.london.vru.common.Hashes.sha256(json), areas);
    }

    /** The problems of a return, or none. */
    public List<FieldError> checkInto(Context context, Period period, SubmissionApi.Content content,
            String prefix) {
        Programme programme = context.programme();
        List<FieldError> errors = new ArrayList<>();
        if (programme.status != ProgrammeStatus.APPROVED && programme.status != ProgrammeStatus.ACTIVE) {
            errors.add(new FieldError(prefix + "programme", "not-reporting", "A " + programme.status.code()
                    + " programme does not report: only approved and active ones do."));
        }
        if (period.end().isBefore(programme.startDate) || period.start().isAfter(programme.endDate)) {
            errors.add(new FieldError(prefix + "period", "outside-programme", period.code() + " is outside the "
                    + "programme's dates (" + programme.startDate + " to " + programme.endDate + ")."));
        }
        if (period.start().isAfter(LocalDate.now(LONDON))) {
            errors.add(new FieldError(prefix + "period", "future", period.code() + " has not started yet."));
        }
        Set<String> selected = context.selected();
        LoadedRelease release = context.release();
        List<SubmissionApi.Measurement> measurements = list(content.measurements());
        Set<String> pairs = new HashSet<>();
        for (int i = 0; i < measurements.size(); i++) {
            SubmissionApi.Measurement m = measurements.get(i);
            String at = prefix + "measurements[" + i + "]";
            if (!selected.contains(m.outcome())) {
                errors.add(new FieldError(at + ".outcome", "not-selected", "'" + m.outcome()
                        + "' is not an outcome this programme selected."));
                continue;
            }
            if (!pairs.add(m.outcome() + "|" + m.measure())) {
                errors.add(new FieldError(at + ".measure", "duplicate", "This outcome and measure are reported twice."));
                continue;
            }
            ReleaseDocument.Measure measure = release.measure(m.measure()).orElse(null);
            if (measure == null || measure.outcomes() == null || !measure.outcomes().contains(m.outcome())) {
                errors.add(new FieldError(at + ".measure", "measure-does-not-fit", "'" + m.measure()
                        + "' does not evidence '" + m.outcome() + "' in release " + programme.releaseVersion + "."));
                continue;
            }
            outOfRange(measure, m.value(), at + ".value", errors);
            if (m.baseline() != null) {
                outOfRange(measure, m.baseline(), at + ".baseline", errors);
            }
        }
        List<SubmissionApi.Output> outputs = list(content.outputs());
        Set<String> types = new HashSet<>();
        for (int i = 0; i < outputs.size(); i++) {
            String type = outputs.get(i).outputType();
            String at = prefix + "outputs[" + i + "].outputType";
            if (!types.add(type)) {
                errors.add(new FieldError(at, "duplicate", "This output is reported twice."));
            } else if (release.concept(type).filter(c -> c.kind().equals("output-type") && c.deprecated() == null)
                    .isEmpty()) {
                errors.add(new FieldError(at, "unknown-code", "Release " + programme.releaseVersion
                        + " has no output type '" + type + "'."));
            }
        }
        return errors;
    }

    private static void outOfRange(ReleaseDocument.Measure measure, BigDecimal value, String field,
            List<FieldError> errors) {
        if (measure.range() != null && value != null && !measure.range().contains(value)) {
            errors.add(new FieldError(field, "out-of-range", "The value is outside " + measure.code() + "'s range ("
                    + measure.range().describe() + ")."));
        }
    }

    /**
     * The canonical form of a return: each measurement's statistic filled from its measure when not given, figures
     * in code order, decimals without trailing zeros, blank comments dropped. Equal figures sent in another order
     * or spelling (47.5 or 47.50) make the same revision, whether saved one by one or imported.
     */
    private static SubmissionApi.Content normalise(LoadedRelease release, SubmissionApi.Content content) {
        List<SubmissionApi.Measurement> measurements = list(content.measurements()).stream().map(m -> {
            SubmissionApi.Statistic statistic = m.statistic();
            if (statistic == null) {
                ReleaseDocument.ValueType type = release.measure(m.measure()).map(ReleaseDocument.Measure::valueType)
                        .orElse(ReleaseDocument.ValueType.SCORE);
                statistic = switch (type) {
                    case COUNT -> SubmissionApi.Statistic.TOTAL;
                    case PERCENTAGE -> SubmissionApi.Statistic.PERCENTAGE;
                    case SCORE -> SubmissionApi.Statistic.MEAN;
                };
            }
            String comment = m.comment() == null || m.comment().isBlank() ? null : m.comment().strip();
            return new SubmissionApi.Measurement(m.outcome(), m.measure(), statistic, plain(m.value()),
                    m.participants(), plain(m.baseline()), comment);
        }).sorted(java.util.Comparator.comparing(SubmissionApi.Measurement::outcome)
                .thenComparing(SubmissionApi.Measurement::measure)).toList();
        List<SubmissionApi.Output> outputs = list(content.outputs()).stream()
                .sorted(java.util.Comparator.comparing(SubmissionApi.Output::outputType)).toList();
        return new SubmissionApi.Content(outputs, measurements);
    }

    private static BigDecimal plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().scale() < 0
                ? value.setScale(0) : value.stripTrailingZeros();
    }

    /** A stored or refused return of a bulk store: what happened, and the revision written if any. */
    public record Stored(Outcome outcome, String conflict, Map<String, Object> revision) {
    }

    /** An existing return, as a bulk store needs it. */
    private record Existing(String id, String status, int revision, boolean late, String hash) {
    }

    /**
     * Stores checked returns, by JDBC batches: a new revision unless unchanged, and only while draft or returned.
     * One save is a list of one; a bulk import is many. Nothing is written in a dry run.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Stored> storeAll(List<Checked> all, boolean dryRun) {
        Map<String, Existing> existing = new HashMap<>();
        List<String> programmeIds = all.stream().map(c -> c.programme().id).distinct().toList();
        for (int from = 0; from < programmeIds.size(); from += 500) {
            List<String> slice = programmeIds.subList(from, Math.min(programmeIds.size(), from + 500));
            if (!dryRun) {
                // Saves of one programme's returns queue here, so a first save racing another cannot both insert.
                entityManager.createNativeQuery("SELECT id FROM programme WHERE id IN (:ids) ORDER BY id FOR UPDATE")
                        .setParameter("ids", slice).getResultList();
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("SELECT s.id, s.programme_id, s.period, s.status, "
                    + "s.revision, s.late, r.content_hash FROM submission s JOIN submission_revision r "
                    + "ON r.submission_id = s.id AND r.revision = s.revision WHERE s.programme_id IN (:ids)"
                    + (dryRun ? "" : " FOR UPDATE")).setParameter("ids", slice).getResultList();
            for (Object[] row : rows) {
                existing.put(row[1] + "|" + row[2], new Existing((String) row[0], (String) row[3],
                        ((Number) row[4]).intValue(), Boolean.TRUE.equals(row[5]) || Integer.valueOf(1).equals(row[5]),
                        (String) row[6]));
            }
        }
        List<Stored> results = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> revisions = new ArrayList<>();
        List<Checked> written = new ArrayList<>();
        List<String> writtenIds = new ArrayList<>();
        List<String> writtenStatus = new ArrayList<>();
        Timestamp now = Timestamp.from(Times.now());
        String savedBy = caller.subject();
        LocalDate today = LocalDate.now(LONDON);
        for (Checked checked : all) {
            Existing current = existing.get(checked.programme().id + "|" + checked.period().code());
            if (current != null && !Submission.DRAFT.equals(current.status()) && !Submission.RETURNED.equals(current.status())) {
                results.add(new Stored(null, "The " + checked.period().code() + " return is " + current.status()
                        + "; it changes only while draft or returned.", null));
                continue;
            }
            if (current != null && current.hash().equals(checked.hash())) {
                results.add(new Stored(Outcome.UNCHANGED, null, null));
                continue;
            }
            if (dryRun) {
                results.add(new Stored(current == null ? Outcome.CREATED : Outcome.UPDATED, null, null));
                continue;
            }
            boolean late = today.isAfter(checked.period().due(dueDays));
            String id = current == null ? Ids.next() : current.id();
            int revision = current == null ? 1 : current.revision() + 1;
            if (current == null) {
                inserts.add(new Object[] { id, checked.programme().id, checked.period().code(), late, now });
            } else {
                updates.add(new Object[] { revision, current.late() || late, now, id });
            }
            revisions.add(new Object[] { id, revision, checked.json(), checked.hash(), late });
            written.add(checked);
            writtenIds.add(id);
            writtenStatus.add(current == null ? Submission.DRAFT : current.status());
            // The revision row keeps the content; audit events name the revisions.
            results.add(new Stored(current == null ? Outcome.CREATED : Outcome.UPDATED, null, Map.of("submission", id,
                    "programme", checked.programme().id, "period", checked.period().code(), "revision", revision,
                    "previousRevision", current == null ? 0 : current.revision(), "contentHash", checked.hash())));
        }
        if (dryRun || written.isEmpty()) {
            return results;
        }
        entityManager.flush();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO submission (id, programme_id, "
                    + "period, status, revision, late, version, created_at, updated_at) VALUES (?, ?, ?, 'draft', 1, ?, 0, ?, ?)")) {
                for (Object[] row : inserts) {
                    insert.setString(1, (String) row[0]);
                    insert.setString(2, (String) row[1]);
                    insert.setString(3, (String) row[2]);
                    insert.setBoolean(4, (Boolean) row[3]);
                    insert.setTimestamp(5, (Timestamp) row[4]);
                    insert.setTimestamp(6, (Timestamp) row[4]);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE submission SET revision = ?, late = ?, "
                    + "updated_at = ?, version = version + 1 WHERE id = ?")) {
                for (Object[] row : updates) {
                    update.setInt(1, (Integer) row[0]);
                    update.setBoolean(2, (Boolean) row[1]);
                    update.setTimestamp(3, (Timestamp) row[2]);
                    update.setString(4, (String) row[3]);
                    update.addBatch();
                }
                update.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO submission_revision "
                    + "(submission_id, revision, content, content_hash, saved_by, saved_at, late) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Object[] row : revisions) {
                    insert.setString(1, (String) row[0]);
                    insert.setInt(2, (Integer) row[1]);
                    insert.setString(3, (String) row[2]);
                    insert.setString(4, (String) row[3]);
                    insert.setString(5, savedBy);
                    insert.setTimestamp(6, now);
                    insert.setBoolean(7, (Boolean) row[4]);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            List<String> changed = updates.stream().map(row -> (String) row[3]).toList();
            for (int from = 0; from < changed.size(); from += 500) {
                String in = String.join(",", java.util.Collections.nCopies(Math.min(500, changed.size() - from), "?"));
                for (String table : List.of("submission_measurement", "submission_output")) {
                    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table
                            + " WHERE submission_id IN (" + in + ")")) {
                        for (int i = 0; i < Math.min(500, changed.size() - from); i++) {
                            delete.setString(i + 1, changed.get(from + i));
                        }
                        delete.executeUpdate();
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO submission_measurement "
                    + "(submission_id, programme_id, period, priority_area, outcome_code, measure_code, value, "
                    + "participants, baseline, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement outputs = connection.prepareStatement("INSERT INTO submission_output "
                            + "(submission_id, programme_id, period, output_type, count, status) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int w = 0; w < written.size(); w++) {
                    Checked checked = written.get(w);
                    List<SubmissionApi.Measurement> measurements = list(checked.content().measurements());
                    for (int i = 0; i < measurements.size(); i++) {
                        SubmissionApi.Measurement m = measurements.get(i);
                        insert.setString(1, writtenIds.get(w));
                        insert.setString(2, checked.programme().id);
                        insert.setString(3, checked.period().code());
                        insert.setString(4, checked.priorityAreas().get(i));
                        insert.setString(5, m.outcome());
                        insert.setString(6, m.measure());
                        insert.setBigDecimal(7, m.value());
                        insert.setInt(8, m.participants());
                        if (m.baseline() == null) {
                            insert.setNull(9, Types.DECIMAL);
                        } else {
                            insert.setBigDecimal(9, m.baseline());
                        }
                        insert.setString(10, writtenStatus.get(w));
                        insert.addBatch();
                    }
                    for (SubmissionApi.Output output : list(checked.content().outputs())) {
                        outputs.setString(1, writtenIds.get(w));
                        outputs.setString(2, checked.programme().id);
                        outputs.setString(3, checked.period().code());
                        outputs.setString(4, output.outputType());
                        outputs.setLong(5, output.count());
                        outputs.setString(6, writtenStatus.get(w));
                        outputs.addBatch();
                    }
                }
                insert.executeBatch();
                outputs.executeBatch();
            }
        });
        return results;
    }

    /** Stores a checked return as a new revision, unless it equals the current one: one return of the bulk path. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome store(Checked checked) {
        Stored stored = storeAll(List.of(checked), false).get(0);
        metrics.counter("vru.submissions.received", "source", "api").increment();
        if (stored.conflict() != null) {
            throw new ApiProblem(ProblemType.CONFLICT, stored.conflict());
        }
        if (stored.revision() != null) {
            int previous = (Integer) stored.revision().get("previousRevision");
            audit.record("submission.save", TARGET, (String) stored.revision().get("submission"),
                    previous == 0 ? null : Map.of("revision", previous), stored.revision());
        }
        return stored.outcome();
    }

    /** The return's current state, if the caller may see the programme. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Submission get(String programmeId, String periodCode) {
        Programme programme = programmes.get(programmeId);
        Submission submission = Submission.find("programmeId = ?1 and period = ?2", programme.id,
                period(periodCode).code()).firstResult();
        if (submission == null) {
            throw ApiProblem.notFound("Programme " + programmeId + " has no return for " + periodCode + ".");
        }
        return submission;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SubmissionApi.Revision> revisions(Submission submission) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT revision, saved_at, saved_by, late, content "
                + "FROM submission_revision WHERE submission_id = ?1 ORDER BY revision")
                .setParameter(1, submission.id).getResultList();
        return rows.stream().map(row -> new SubmissionApi.Revision(((Number) row[0]).intValue(),
                toInstant(row[1]), (String) row[2], Boolean.TRUE.equals(row[3]) || Integer.valueOf(1).equals(row[3]),
                parse((String) row[4]))).toList();
    }

    /** A lifecycle action: submit (partner), accept or return (commissioner). */
    @Transactional
    public Submission act(String programmeId, String periodCode, String action, String reason) {
        Submission submission = get(programmeId, periodCode);
        submission = Submission.findById(submission.id, LockModeType.PESSIMISTIC_WRITE);
        SubmissionApi.View before = view(submission, null);
        switch (action) {
            case "submit" -> {
                require(submission, Set.of(Submission.DRAFT, Submission.RETURNED), action);
                Programme programme = Programme.findById(submission.programmeId);
                if (programme.status != ProgrammeStatus.APPROVED && programme.status != ProgrammeStatus.ACTIVE) {
                    throw new ApiProblem(ProblemType.CONFLICT, "A " + programme.status.code()
                            + " programme's returns are not submitted.");
                }
                submission.status = Submission.SUBMITTED;
                submission.submittedAt = Times.now();
                if (LocalDate.now(LONDON).isAfter(period(submission.period).due(dueDays))) {
                    submission.late = true;
                }
                submission.statusReason = null;
            }
            case "accept" -> {
                require(submission, Set.of(Submission.SUBMITTED), action);
                submission.status = Submission.ACCEPTED;
                submission.statusReason = null;
            }
            case "return" -> {
                require(submission, Set.of(Submission.SUBMITTED), action);
                if (reason == null || reason.isBlank()) {
                    throw ApiProblem.invalid("Say why the return is sent back.",
                            List.of(new FieldError("reason", "required", "Returning needs a reason.")));
                }
                submission.status = Submission.RETURNED;
                submission.statusReason = reason.strip();
            }
            default -> throw new IllegalArgumentException(action);
        }
        submission.updatedAt = Times.now();
        submission.flush();
        for (String table : List.of("submission_measurement", "submission_output")) {
            entityManager.createNativeQuery("UPDATE " + table + " SET status = ?1 WHERE submission_id = ?2")
                    .setParameter(1, submission.status).setParameter(2, submission.id).executeUpdate();
        }
        audit.record("submission." + action, TARGET, submission.id, before, view(submission, null));
        return submission;
    }

    private static void require(Submission submission, Set<String> from, String action) {
        if (!from.contains(submission.status)) {
            throw new ApiProblem(ProblemType.CONFLICT, "A " + submission.status + " return cannot be given '" + action
                    + "'.");
        }
    }

    public SubmissionApi.Content content(String submissionId, int revision) {
        String json = (String) entityManager.createNativeQuery("SELECT content FROM submission_revision "
                + "WHERE submission_id = ?1 AND revision = ?2").setParameter(1, submissionId)
                .setParameter(2, revision).getSingleResult();
        return parse(json);
    }

    public SubmissionApi.View view(Submission submission, SubmissionApi.Content content) {
        Period period = period(submission.period);
        return new SubmissionApi.View(submission.programmeId, submission.period, period.start(), period.end(),
                period.due(dueDays), submission.status, submission.statusReason, submission.revision, submission.late,
                submission.submittedAt, submission.updatedAt, content,
                "/api/v1/programmes/" + submission.programmeId + "/submissions/" + submission.period);
    }

    private SubmissionApi.Content parse(String json) {
        try {
            return mapper.readValue(json, SubmissionApi.Content.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored return is not readable", e);
        }
    }

    String json(SubmissionApi.Content content) {
        try {
            return mapper.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.time.Instant toInstant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.LocalDateTime local) {
            return local.atZone(ZoneId.systemDefault()).toInstant();
        }
        return (java.time.Instant) value;
    }

    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }
}
