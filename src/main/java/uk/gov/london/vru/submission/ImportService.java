package uk.gov.london.vru.submission;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import uk.gov.london.vru.common.ApiProblem;
import uk.gov.london.vru.common.FieldError;
import uk.gov.london.vru.common.Ids;
import uk.gov.london.vru.common.ProblemType;
import uk.gov.london.vru.programme.Programme;
import uk.gov.london.vru.security.AccessScope;

/**
 * Bulk import of returns for many programmes and quarters, from JSON or CSV rows. Rows are grouped by programme
 * and quarter; a group with any bad row is rejected whole (never half-applied), every problem named by row, field
 * and code; a group equal to the current return is ignored. A dry run reports the same and writes nothing.
 */
@ApplicationScoped
public class ImportService {

    /** The columns of a row, CSV header names and JSON property names alike. */
    static final List<String> COLUMNS = List.of("programme", "period", "kind", "outcome", "measure", "statistic",
            "value", "participants", "baseline", "comment", "outputType", "count");
    private static final java.util.Set<String> COLUMN_SET = java.util.Set.copyOf(COLUMNS);

    /** One problem, by row (1 is the first data row). */
    public record Conflict(int row, String field, String code, String message) {
    }

    /** What the import did (or, in a dry run, would do), counted in rows. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(boolean dryRun, int rows, int imported, int updated, int ignored, int rejected,
            List<Conflict> conflicts) {
    }

    private record Row(int number, Map<String, String> values) {
        String get(String column) {
            String value = values.get(column);
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    @Inject
    SubmissionService submissions;

    @Inject
    uk.gov.london.vru.audit.AuditLog audit;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    @Inject
    AccessScope scope;

    @Inject
    ObjectMapper mapper;

    private static final CsvMapper CSV = new CsvMapper();

    /** Checks the next chunk of an import while the request's thread writes the current one. */
    private final java.util.concurrent.ExecutorService checking = java.util.concurrent.Executors.newCachedThreadPool(
            runnable -> {
                Thread thread = new Thread(runnable, "vru-import-check");
                thread.setDaemon(true);
                return thread;
            });

    @jakarta.annotation.PreDestroy
    void stop() {
        checking.shutdown();
    }

    /** Rows from a CSV body with a header row. */
    public List<Map<String, String>> csv(String body) {
        try (MappingIterator<Map<String, String>> rows = CSV.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(body)) {
            return rows.readAll();
        } catch (IOException | RuntimeException e) {
            throw new ApiProblem(ProblemType.BAD_REQUEST, "The body is not CSV with a header row: "
                    + "programme,period,kind,outcome,measure,statistic,value,participants,baseline,comment,outputType,count.");
        }
    }

    /** Rows from a JSON body {@code {"rows": [...]}}. */
    public List<Map<String, String>> json(String body) {
        try {
            JsonNode tree = mapper.readTree(body);
            if (tree == null || !tree.path("rows").isArray() || tree.size() != 1) {
                throw new IllegalArgumentException();
            }
            List<Map<String, String>> rows = new ArrayList<>();
            for (JsonNode row : tree.get("rows")) {
                if (!row.isObject()) {
                    throw new IllegalArgumentException();
                }
                Map<String, String> values = new LinkedHashMap<>();
                row.fields().forEachRemaining(field -> values.put(field.getKey(),
                        field.getValue().isNull() ? null : field.getValue().asText()));
                rows.add(values);
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            throw new ApiProblem(ProblemType.BAD_REQUEST, "The body is not {\"rows\": [ ... ]} with one object per row.");
        }
    }

    /** Programme-quarters checked and stored together: big enough for long JDBC batches, small enough to overlap. */
    private static final int CHUNK = 2000;

    /** One chunk's checked returns (with their rows) and its rejected rows. */
    private record Checking(List<List<Row>> accepted, List<SubmissionService.Checked> checked, List<Conflict> problems,
            int rejected) {
    }

    @Transactional
    public Summary run(List<Map<String, String>> input, boolean dryRun) {
        if (input.size() > 200_000) {
            throw ApiProblem.invalid("An import holds at most 200000 rows.",
                    List.of(new FieldError("rows", "too-many", "Split the import into parts of at most 200000 rows.")));
        }
        Map<Integer, List<Conflict>> unknownColumns = new java.util.HashMap<>();
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (int i = 0; i < input.size(); i++) {
            Row row = new Row(i + 1, input.get(i));
            for (String column : row.values().keySet()) {
                if (!COLUMN_SET.contains(column)) {
                    unknownColumns.computeIfAbsent(row.number(), k -> new ArrayList<>()).add(new Conflict(row.number(),
                            column, "unknown-column", "'" + column + "' is not a column of an import."));
                }
            }
            groups.computeIfAbsent(row.get("programme") + "|" + row.get("period"), k -> new ArrayList<>()).add(row);
        }
        Map<String, SubmissionService.Context> contexts = contexts(groups.values());
        List<List<Row>> all = new ArrayList<>(groups.values());
        List<Conflict> conflicts = new ArrayList<>();
        int rejected = 0;
        int imported = 0;
        int updated = 0;
        int ignored = 0;
        List<Map<String, Object>> revisions = new ArrayList<>();
        // Checking needs no database (the programmes and releases are loaded above), so the next chunk is checked on
        // another thread while this one is written: the CPU work hides behind the database's.
        java.util.concurrent.CompletableFuture<Checking> next = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> check(all.subList(0, Math.min(all.size(), CHUNK)), contexts, unknownColumns), checking);
        for (int from = 0; from < all.size(); from += CHUNK) {
            Checking chunk = join(next);
            int following = from + CHUNK;
            if (following < all.size()) {
                next = java.util.concurrent.CompletableFuture.supplyAsync(() -> check(
                        all.subList(following, Math.min(all.size(), following + CHUNK)), contexts, unknownColumns),
                        checking);
            }
            conflicts.addAll(chunk.problems());
            rejected += chunk.rejected();
            List<SubmissionService.Stored> stored = submissions.storeAll(chunk.checked(), dryRun);
            for (int i = 0; i < stored.size(); i++) {
                List<Row> group = chunk.accepted().get(i);
                SubmissionService.Stored result = stored.get(i);
                if (result.conflict() != null) {
                    rejected += group.size();
                    conflicts.add(new Conflict(group.get(0).number(), "period", "not-editable", result.conflict()));
                    continue;
                }
                switch (result.outcome()) {
                    case CREATED -> imported += group.size();
                    case UPDATED -> updated += group.size();
                    case UNCHANGED -> ignored += group.size();
                }
                if (result.revision() != null) {
                    revisions.add(result.revision());
                }
            }
        }
        conflicts.sort(java.util.Comparator.comparingInt(Conflict::row).thenComparing(Conflict::field));
        Summary summary = new Summary(dryRun, input.size(), imported, updated, ignored, rejected, conflicts);
        metrics.counter("vru.imports", "dryRun", Boolean.toString(dryRun)).increment();
        metrics.counter("vru.import.rows", "result", "imported").increment(imported);
        metrics.counter("vru.import.rows", "result", "updated").increment(updated);
        metrics.counter("vru.import.rows", "result", "ignored").increment(ignored);
        metrics.counter("vru.import.rows", "result", "rejected").increment(rejected);
        if (!dryRun) {
            metrics.counter("vru.submissions.received", "source", "import").increment(revisions.size());
        }
        if (!revisions.isEmpty()) {
            // One import is one write: one audit event, naming every revision it made.
            audit.record("submission.import", "submission-import", Ids.next(), null,
                    Map.of("rows", summary.rows(), "imported", imported, "updated", updated, "ignored", ignored,
                            "rejected", rejected, "revisions", revisions));
        }
        return summary;
    }

    /** Checks groups of rows: each one whole, or rejected whole with its problems. */
    private Checking check(List<List<Row>> groups, Map<String, SubmissionService.Context> contexts,
            Map<Integer, List<Conflict>> unknownColumns) {
        List<List<Row>> accepted = new ArrayList<>();
        List<SubmissionService.Checked> checked = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        int rejected = 0;
        for (List<Row> group : groups) {
            List<Conflict> problems = new ArrayList<>();
            group.forEach(row -> problems.addAll(unknownColumns.getOrDefault(row.number(), List.of())));
            SubmissionService.Checked one = checked(group, contexts, problems);
            if (one != null && problems.isEmpty()) {
                accepted.add(group);
                checked.add(one);
            } else {
                rejected += group.size();
                problems.stream().distinct().forEach(conflicts::add);
            }
        }
        return new Checking(accepted, checked, conflicts, rejected);
    }

    private static Checking join(java.util.concurrent.CompletableFuture<Checking> checking) {
        try {
            return checking.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The programmes the rows name and the caller may see, loaded together, with what checking needs. */
    private Map<String, SubmissionService.Context> contexts(java.util.Collection<List<Row>> groups) {
        List<String> ids = groups.stream().map(g -> g.get(0).get("programme")).filter(java.util.Objects::nonNull)
                .distinct().toList();
        Map<String, SubmissionService.Context> contexts = new java.util.HashMap<>();
        java.util.Optional<String> only = scope.organisationFilter();
        Map<String, uk.gov.london.vru.framework.LoadedRelease> releases = new java.util.HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<Programme> found = Programme.list("id in ?1", ids.subList(from, Math.min(ids.size(), from + 500)));
            for (Programme programme : found) {
                if (only.map(own -> own.equals(programme.organisationId)).orElse(true)) {
                    contexts.put(programme.id, submissions.context(programme, releases));
                }
            }
        }
        return contexts;
    }

    /** One programme-quarter's rows as a checked return, or null with the problems added. */
    private SubmissionService.Checked checked(List<Row> group, Map<String, SubmissionService.Context> contexts,
            List<Conflict> problems) {
        Row first = group.get(0);
        SubmissionService.Context programme = null;
        if (first.get("programme") == null) {
            problems.add(new Conflict(first.number(), "programme", "required", "Each row names its programme."));
        } else {
            programme = contexts.get(first.get("programme"));
            if (programme == null) {
                group.forEach(row -> problems.add(new Conflict(row.number(), "programme", "unknown-programme",
                        "There is no programme " + first.get("programme") + ".")));
            }
        }
        Period period = Period.parse(first.get("period")).orElse(null);
        if (period == null) {
            group.forEach(row -> problems.add(new Conflict(row.number(), "period", "invalid-period",
                    "Use a quarter code such as 2025-26-Q1.")));
        }
        List<SubmissionApi.Measurement> measurements = new ArrayList<>();
        List<Row> measurementRows = new ArrayList<>();
        List<SubmissionApi.Output> outputs = new ArrayList<>();
        List<Row> outputRows = new ArrayList<>();
        for (Row row : group) {
            int before = problems.size();
            String kind = row.get("kind");
            if ("measurement".equals(kind)) {
                BigDecimal value = decimal(row, "value", true, problems);
                Long participants = whole(row, "participants", true, problems);
                BigDecimal baseline = decimal(row, "baseline", false, problems);
                SubmissionApi.Statistic statistic = null;
                if (row.get("statistic") != null) {
                    try {
                        statistic = SubmissionApi.Statistic.valueOf(row.get("statistic").toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        problems.add(new Conflict(row.number(), "statistic", "invalid-value",
                                "statistic is mean, median, total or percentage."));
                    }
                }
                for (String column : List.of("outcome", "measure")) {
                    if (row.get(column) == null) {
                        problems.add(new Conflict(row.number(), column, "required", "A measurement names its " + column + "."));
                    }
                }
                if (participants != null && participants > 10_000_000) {
                    problems.add(new Conflict(row.number(), "participants", "out-of-range", "At most 10000000."));
                }
                if (problems.size() == before) {
                    measurements.add(new SubmissionApi.Measurement(row.get("outcome"), row.get("measure"), statistic,
                            value, participants.intValue(), baseline, row.get("comment")));
                    measurementRows.add(row);
                }
            } else if ("output".equals(kind)) {
                Long count = whole(row, "count", true, problems);
                if (row.get("outputType") == null) {
                    problems.add(new Conflict(row.number(), "outputType", "required", "An output names its type."));
                }
                if (problems.size() == before) {
                    outputs.add(new SubmissionApi.Output(row.get("outputType"), count));
                    outputRows.add(row);
                }
            } else {
                problems.add(new Conflict(row.number(), "kind", "invalid-value", "kind is measurement or output."));
            }
        }
        if (programme == null || period == null) {
            return null;
        }
        SubmissionApi.Content content = new SubmissionApi.Content(outputs, measurements);
        for (FieldError error : submissions.checkInto(programme, period, content, "")) {
            Row row = rowFor(error.field(), first, measurementRows, outputRows);
            String field = error.field().contains(".") ? error.field().substring(error.field().lastIndexOf('.') + 1)
                    : error.field();
            problems.add(new Conflict(row.number(), field, error.code(), error.message()));
        }
        return problems.isEmpty() ? submissions.checked(programme, period, content) : null;
    }

    private static Row rowFor(String field, Row first, List<Row> measurementRows, List<Row> outputRows) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("^(measurements|outputs)\\[(\\d+)]")
                .matcher(field);
        if (!matcher.find()) {
            return first;
        }
        int index = Integer.parseInt(matcher.group(2));
        return matcher.group(1).equals("measurements") ? measurementRows.get(index) : outputRows.get(index);
    }

    private static BigDecimal decimal(Row row, String column, boolean required, List<Conflict> problems) {
        String text = row.get(column);
        if (text == null) {
            if (required) {
                problems.add(new Conflict(row.number(), column, "required", "This row needs a " + column + "."));
            }
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text);
            if (!SubmissionApi.isPlausible(value)) {
                problems.add(new Conflict(row.number(), column, "out-of-range", "At most 1000000000 either way, "
                        + "with at most " + SubmissionApi.MAX_DECIMALS + " decimal places."));
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(new Conflict(row.number(), column, "invalid-number", "'" + text + "' is not a number."));
            return null;
        }
    }

    private static Long whole(Row row, String column, boolean required, List<Conflict> problems) {
        BigDecimal value = decimal(row, column, required, problems);
        if (value == null) {
            return null;
        }
        if (value.signum() < 0 || value.stripTrailingZeros().scale() > 0) {
            problems.add(new Conflict(row.number(), column, "not-a-count", "A count is a whole number, 0 or more."));
            return null;
        }
        return value.longValueExact();
    }
}
