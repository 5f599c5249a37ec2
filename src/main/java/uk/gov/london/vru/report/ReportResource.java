package uk.gov.london.vru.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Variant;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import uk.gov.london.vru.common.ApiProblem;
import uk.gov.london.vru.common.CsvCells;
import uk.gov.london.vru.common.FieldError;
import uk.gov.london.vru.security.Roles;
import uk.gov.london.vru.submission.Period;

/** Reports over quarterly returns, as JSON or CSV; the open-data view is public and suppresses small numbers. */
@Path("/api/v1/reports")
public class ReportResource {

    static final MediaType CSV = MediaType.valueOf("text/csv");
    private static final CsvMapper MAPPER = new CsvMapper();

    @Inject
    ReportService reports;

    @Context
    Request request;

    @GET
    @Path("completeness")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @RolesAllowed({ Roles.PARTNER, Roles.COMMISSIONER, Roles.ADMIN })
    public Response completeness(@QueryParam("period") String period) {
        if (period == null) {
            throw ApiProblem.invalid("Name the quarter.", List.of(new FieldError("period", "required",
                    "Give a quarter code such as 2025-26-Q1.")));
        }
        ReportService.CompletenessReport report = reports.completeness(period(period));
        if (!csv()) {
            return Response.ok(report, MediaType.APPLICATION_JSON).build();
        }
        List<String[]> rows = new ArrayList<>();
        report.programmes().forEach(p -> rows.add(new String[] { report.period(), cell(p.programme()), cell(p.title()),
                p.organisation(), p.priorityArea(), p.state(), Boolean.toString(p.late()) }));
        return csv(rows, "completeness-" + report.period(), "period", "programme", "title", "organisation",
                "priorityArea", "state", "late");
    }

    @GET
    @Path("results")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @RolesAllowed({ Roles.PARTNER, Roles.COMMISSIONER, Roles.ADMIN })
    public Response results(@QueryParam("period") String period, @QueryParam("priorityArea") String priorityArea,
            @QueryParam("outcome") String outcome, @QueryParam("borough") String borough) {
        return results(new ReportService.Filter(checkedPeriod(period), priorityArea, outcome, borough), false);
    }

    @GET
    @Path("public/results")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @PermitAll
    public Response publicResults(@QueryParam("period") String period) {
        // Open data is published in fixed cuts only (by quarter): letting anyone choose overlapping filters would let
        // them subtract one published row from another and recover a suppressed small number.
        return results(new ReportService.Filter(checkedPeriod(period), null, null, null), true);
    }

    private Response results(ReportService.Filter filter, boolean publicView) {
        boolean csv = csv();
        ReportService.ResultsReport report = reports.results(filter, publicView);
        if (!csv) {
            return Response.ok(report, MediaType.APPLICATION_JSON).build();
        }
        List<String[]> rows = new ArrayList<>();
        report.results().forEach(r -> rows.add(new String[] { r.period(), r.priorityArea(), cell(r.outcome()),
                cell(r.measure()), text(r.programmes()), text(r.measurements()), text(r.participants()),
                text(r.mean()), text(r.meanBaseline()), text(r.change()), Boolean.toString(Boolean.TRUE.equals(r.suppressed())) }));
        return csv(rows, publicView ? "open-results" : "results", "period", "priorityArea", "outcome", "measure",
                "programmes", "measurements", "participants", "mean", "meanBaseline", "change", "suppressed");
    }

    private boolean csv() {
        Variant variant = request.selectVariant(Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE, CSV).build());
        if (variant == null) {
            throw new NotAcceptableException();
        }
        return variant.getMediaType().equals(CSV);
    }

    private static Response csv(List<String[]> rows, String name, String... columns) {
        CsvSchema.Builder schema = CsvSchema.builder();
        for (String column : columns) {
            schema.addColumn(column);
        }
        try {
            byte[] bytes = MAPPER.writer(schema.build().withHeader()).writeValueAsBytes(rows);
            return Response.ok(bytes, "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String checkedPeriod(String period) {
        return period == null ? null : period(period).code();
    }

    private static Period period(String code) {
        return Period.parse(code).orElseThrow(() -> ApiProblem.invalid("'" + code + "' is not a quarter.",
                List.of(new FieldError("period", "invalid-period", "Use a quarter code such as 2025-26-Q1."))));
    }

    private static String cell(String value) {
        return CsvCells.neutralise(value);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
