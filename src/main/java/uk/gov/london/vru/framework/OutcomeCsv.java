package uk.gov.london.vru.framework;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/** Writes programme outcomes as CSV (RFC 4180, with a header row) for spreadsheet users. */
final class OutcomeCsv {

    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SCHEMA = CsvSchema.builder()
            .addColumn("code").addColumn("title").addColumn("level")
            .addColumn("highLevelOutcome").addColumn("highLevelOutcomeTitle")
            .addColumn("priorityArea").addColumn("priorityAreaName").addColumn("measures")
            .addColumn("deprecatedIn").addColumn("replacedBy")
            .build().withHeader();

    private OutcomeCsv() {
    }

    static byte[] write(List<OutcomeView> outcomes) {
        List<String[]> rows = outcomes.stream().map(o -> new String[] {
                cell(o.code()), cell(o.title()), cell(o.level()), cell(o.highLevelOutcome()),
                cell(o.highLevelOutcomeTitle()), cell(o.priorityArea()), cell(o.priorityAreaName()),
                cell(String.join(";", o.measures())),
                cell(o.deprecated() == null ? null : o.deprecated().since()),
                cell(o.deprecated() == null ? null : String.join(";", ReleaseDocuments.list(o.deprecated().replacedBy()))) })
                .toList();
        try {
            return CSV.writer(SCHEMA).writeValueAsBytes(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String cell(String value) {
        return uk.gov.london.vru.common.CsvCells.neutralise(value);
    }
}
