package uk.gov.london.vru.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.annotation.JsonInclude;

import uk.gov.london.vru.security.AccessScope;
import uk.gov.london.vru.submission.Period;
import uk.gov.london.vru.submission.SubmissionService;

/**
 * Reports over quarterly returns, computed by the database from the current revisions' figures: completeness per
 * quarter, and results by quarter, priority area, outcome and measure (with outputs by type). The public view counts
 * accepted returns only and suppresses small numbers (1 to 4), so that no one can be singled out.
 */
@ApplicationScoped
public class ReportService {

    /** Counts of returns for a quarter, overall or for one priority area. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Completeness(String priorityArea, int expected, int received, int late, int missing) {
    }

    /** One programme's return for the quarter. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProgrammeReturn(String programme, String title, String organisation, String priorityArea,
            String state, boolean late) {
    }

    /** Completeness of a quarter. */
    public record CompletenessReport(String period, LocalDate due, Completeness total, List<Completeness> byPriorityArea,
            List<ProgrammeReturn> programmes) {
    }

    /** Aggregated measurements of one outcome and measure in one quarter. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResultRow(String period, String priorityArea, String outcome, String measure, Long programmes,
            Long measurements, Long participants, BigDecimal mean, BigDecimal meanBaseline, BigDecimal change,
            Boolean suppressed) {
    }

    /** Total outputs of one type in one quarter. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OutputRow(String period, String outputType, Long programmes, Long total, Boolean suppressed) {
    }

    /** Results, with the filters applied. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResultsReport(Map<String, String> filters, List<ResultRow> results, List<OutputRow> outputs) {
    }

    /** Filters of the results; each may be null. */
    public record Filter(String period, String priorityArea, String outcome, String borough) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    AccessScope scope;

    @Inject
    SubmissionService submissions;

    @Transactional(Transactional.TxType.SUPPORTS)
    public CompletenessReport completeness(Period period) {
        Map<String, Object> parameters = new HashMap<>();
        StringBuilder sql = new StringBuilder("SELECT p.id, p.title, p.organisation_id, p.primary_priority_area, "
                + "s.status, s.late FROM programme p LEFT JOIN submission s ON s.programme_id = p.id AND s.period = :period "
                + "WHERE p.status IN ('APPROVED', 'ACTIVE', 'CLOSED') AND p.start_date <= :end AND p.end_date >= :start");
        parameters.put("period", period.code());
        parameters.put("start", period.start());
        parameters.put("end", period.end());
        scoped(sql, parameters, "p.organisation_id");
        sql.append(" ORDER BY p.primary_priority_area, p.title, p.id");
        LocalDate due = period.due(submissions.dueDays());
        boolean overdue = LocalDate.now(java.time.ZoneId.of("Europe/London")).isAfter(due);
        List<ProgrammeReturn> programmes = new ArrayList<>();
        for (Object row : query(sql.toString(), parameters).getResultList()) {
            Object[] r = (Object[]) row;
            String status = (String) r[4];
            boolean received = "submitted".equals(status) || "accepted".equals(status);
            boolean late = received ? Boolean.TRUE.equals(r[5]) || Integer.valueOf(1).equals(r[5]) : overdue;
            programmes.add(new ProgrammeReturn((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                    received ? status : status == null ? "missing" : status, late));
        }
        Map<String, List<ProgrammeReturn>> byArea = new LinkedHashMap<>();
        programmes.forEach(p -> byArea.computeIfAbsent(p.priorityArea(), k -> new ArrayList<>()).add(p));
        List<Completeness> areas = byArea.entrySet().stream().map(e -> count(e.getKey(), e.getValue())).toList();
        return new CompletenessReport(period.code(), due, count(null, programmes), areas, programmes);
    }

    private static Completeness count(String area, List<ProgrammeReturn> returns) {
        int received = (int) returns.stream().filter(r -> "submitted".equals(r.state()) || "accepted".equals(r.state()))
                .count();
        int late = (int) returns.stream().filter(ProgrammeReturn::late).count();
        return new Completeness(area, returns.size(), received, late, returns.size() - received);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ResultsReport results(Filter filter, boolean publicView) {
        Map<String, String> filters = new LinkedHashMap<>();
        if (filter.period() != null) {
            filters.put("period", filter.period());
        }
        if (filter.priorityArea() != null) {
            filters.put("priorityArea", filter.priorityArea());
        }
        if (filter.outcome() != null) {
            filters.put("outcome", filter.outcome());
        }
        if (filter.borough() != null) {
            filters.put("borough", filter.borough());
        }
        Map<String, Object> parameters = new HashMap<>();
        String measurementWhere = where("m", filter, publicView, parameters, true);
        // A programme has one return per quarter and reports an outcome and measure once in it, so within a group
        // (quarter, outcome, measure) each figure is a different programme: COUNT(*) counts programmes, without the
        // sort a COUNT(DISTINCT) needs.
        String sql = "SELECT m.period, m.priority_area, m.outcome_code, m.measure_code, COUNT(*), "
                + "COUNT(*), SUM(m.participants), AVG(m.value), AVG(m.baseline), "
                + "AVG(CASE WHEN m.baseline IS NOT NULL THEN m.value - m.baseline END) "
                + "FROM submission_measurement m" + borough("m", filter)
                + measurementWhere + " GROUP BY m.period, m.priority_area, m.outcome_code, m.measure_code"
                + " ORDER BY m.period, m.priority_area, m.outcome_code, m.measure_code";
        List<ResultRow> results = new ArrayList<>();
        for (Object row : query(sql, parameters).getResultList()) {
            Object[] r = (Object[]) row;
            ResultRow result = new ResultRow((String) r[0], (String) r[1], (String) r[2], (String) r[3], number(r[4]),
                    number(r[5]), number(r[6]), decimal(r[7]), decimal(r[8]), decimal(r[9]), null);
            results.add(publicView ? suppress(result) : result);
        }
        List<OutputRow> outputs = new ArrayList<>();
        if (filter.priorityArea() == null && filter.outcome() == null) {
            Map<String, Object> outputParameters = new HashMap<>();
            String outputSql = "SELECT o.period, o.output_type, COUNT(*), SUM(o.count) "
                    + "FROM submission_output o" + borough("o", filter)
                    + where("o", filter, publicView, outputParameters, false)
                    + " GROUP BY o.period, o.output_type ORDER BY o.period, o.output_type";
            for (Object row : query(outputSql, outputParameters).getResultList()) {
                Object[] r = (Object[]) row;
                OutputRow output = new OutputRow((String) r[0], (String) r[1], number(r[2]), number(r[3]), null);
                outputs.add(publicView ? suppress(output) : output);
            }
        }
        return new ResultsReport(filters, results, outputs);
    }

    private String where(String table, Filter filter, boolean publicView, Map<String, Object> parameters,
            boolean measurements) {
        StringBuilder where = new StringBuilder(" WHERE " + table + ".status IN (" + (publicView ? "'accepted'"
                : "'submitted', 'accepted'") + ")");
        Optional<String> only = publicView ? Optional.empty() : scope.organisationFilter();
        if (only.isPresent()) {
            where.append(" AND ").append(table).append(".programme_id IN (SELECT id FROM programme WHERE "
                    + "organisation_id = :scope)");
            parameters.put("scope", only.get());
        }
        if (filter.period() != null) {
            where.append(" AND ").append(table).append(".period = :period");
            parameters.put("period", filter.period());
        }
        if (measurements && filter.priorityArea() != null) {
            where.append(" AND m.priority_area = :priorityArea");
            parameters.put("priorityArea", filter.priorityArea());
        }
        if (measurements && filter.outcome() != null) {
            where.append(" AND m.outcome_code = :outcome");
            parameters.put("outcome", filter.outcome());
        }
        if (filter.borough() != null) {
            parameters.put("borough", filter.borough());
        }
        return where.toString();
    }

    private static String borough(String table, Filter filter) {
        return filter.borough() == null ? "" : " JOIN programme_borough b ON b.programme_id = " + table
                + ".programme_id AND b.borough_code = :borough";
    }

    /** Counts from 1 to 4, and what could be derived from them, are withheld. */
    static ResultRow suppress(ResultRow row) {
        boolean small = small(row.programmes()) || small(row.participants()) || small(row.measurements());
        if (!small) {
            return row;
        }
        return new ResultRow(row.period(), row.priorityArea(), row.outcome(), row.measure(), null, null, null, null,
                null, null, true);
    }

    static OutputRow suppress(OutputRow row) {
        boolean small = small(row.programmes()) || small(row.total());
        return small ? new OutputRow(row.period(), row.outputType(), null, null, true) : row;
    }

    private static boolean small(Long count) {
        return count != null && count >= 1 && count <= 4;
    }

    private void scoped(StringBuilder sql, Map<String, Object> parameters, String column) {
        Optional<String> only = scope.organisationFilter();
        if (only.isPresent()) {
            sql.append(" AND ").append(column).append(" = :scope");
            parameters.put("scope", only.get());
        }
    }

    private Query query(String sql, Map<String, Object> parameters) {
        Query query = entityManager.createNativeQuery(sql);
        parameters.forEach(query::setParameter);
        return query;
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    private static BigDecimal decimal(Object value) {
        if (value == null) {
            return null;
        }
        BigDecimal decimal = value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
        return decimal.setScale(2, RoundingMode.HALF_UP);
    }
}
