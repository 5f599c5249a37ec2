package uk.gov.london.vru.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Many approved programmes of one partner on a {@link PackagedService}, and a bulk import of returns across them: for
 * tests that interrupt a big import. One programme is registered and approved through the API; the others are
 * copies of its rows, made in the database (registering a thousand through HTTP would take most of a minute).
 */
public final class ImportFixture {

    /** The CSV header of an import. */
    public static final String HEADER = "programme,period,kind,outcome,measure,statistic,value,participants,baseline,"
            + "comment,outputType,count\n";
    /** Quarters every programme here reports on: started, within the programmes' dates. */
    static final List<String> QUARTERS = List.of("2025-26-Q1", "2025-26-Q2", "2025-26-Q3", "2025-26-Q4", "2026-27-Q1",
            "2026-27-Q2");
    /** The selected outcomes with a measure each, and the measure's range. */
    static final String[][] MEASUREMENTS = { { "PO-I01", "M-WEMWBS", "14", "70" },
            { "RH-I01", "M-POLICE-RECORDED-GBH", "0", "40" }, { "FA-I03", "M-WEMWBS", "14", "70" },
            { "ED-I09", "M-SURVEY-SCHOOL-SAFETY", "0", "100" } };
    static final String[] OUTPUTS = { "OT-TRAININGS", "OT-PEOPLE-REACHED", "OT-PROFESSIONALS-TRAINED" };
    /** Rows per programme and quarter: a measurement per outcome, a count per output type. */
    public static final int ROWS_PER_QUARTER = MEASUREMENTS.length + OUTPUTS.length;

    public final String organisation;
    public final String partner;
    public final List<String> programmes;

    private ImportFixture(String organisation, String partner, List<String> programmes) {
        this.organisation = organisation;
        this.partner = partner;
        this.programmes = programmes;
    }

    /** A partner with {@code count} approved programmes. */
    public static ImportFixture create(PackagedService service, int count) throws SQLException {
        String admin = PackagedService.token(Map.of("role", "admin", "sub", "fixture-admin"));
        String organisation = service.api().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("name", "Import fixture " + UUID.randomUUID(), "type", "voluntary-sector"))
                .post("/api/v1/organisations").then().statusCode(201).extract().path("id");
        String partner = PackagedService.token(Map.of("role", "partner", "sub", "fixture-partner-" + organisation,
                "organisation", organisation));
        String commissioner = PackagedService.token(Map.of("role", "commissioner", "sub", "fixture-commissioner"));
        List<Map<String, Object>> outcomes = new ArrayList<>();
        for (String[] m : MEASUREMENTS) {
            outcomes.add(Map.of("outcome", m[0], "measures", List.of(Map.of("measure", m[1]))));
        }
        List<Map<String, Object>> outputs = new ArrayList<>();
        for (String type : OUTPUTS) {
            outputs.add(Map.of("outputType", type, "quarterlyTarget", 10));
        }
        Map<String, Object> registration = new java.util.LinkedHashMap<>(Programmes.registration("Import fixture",
                "1.0.0", "PO", outcomes));
        registration.put("outputs", outputs);
        String template = service.api().auth().oauth2(partner).contentType("application/json").body(registration)
                .post("/api/v1/programmes").then().statusCode(201).extract().path("id");
        service.api().auth().oauth2(partner).post("/api/v1/programmes/" + template + "/submit").then().statusCode(200);
        service.api().auth().oauth2(commissioner).contentType("application/json").body("{}")
                .post("/api/v1/programmes/" + template + "/approve").then().statusCode(200);
        List<String> programmes = new ArrayList<>(List.of(template));
        try (Connection connection = service.jdbc()) {
            connection.setAutoCommit(false);
            for (int i = 1; i < count; i++) {
                programmes.add(UUID.randomUUID().toString());
            }
            copy(connection, "programme", "id", template, programmes.subList(1, programmes.size()));
            copy(connection, "programme_borough", "programme_id", template, programmes.subList(1, programmes.size()));
            copy(connection, "programme_outcome", "programme_id", template, programmes.subList(1, programmes.size()));
            connection.commit();
        }
        return new ImportFixture(organisation, partner, List.copyOf(programmes));
    }

    /** Copies a table's rows of the template under each new id, whatever the table's other columns. */
    private static void copy(Connection connection, String table, String key, String template, List<String> ids)
            throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT column_name FROM information_schema.columns "
                + "WHERE table_schema = DATABASE() AND table_name = ? AND extra NOT LIKE '%auto_increment%' "
                + "ORDER BY ordinal_position")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        String list = String.join(", ", columns);
        String values = String.join(", ", columns.stream().map(c -> c.equals(key) ? "?" : c).toList());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (" + list + ") SELECT "
                + values + " FROM " + table + " WHERE " + key + " = ?")) {
            for (String id : ids) {
                insert.setString(1, id);
                insert.setString(2, template);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * An import of {@code rows} rows (a multiple of {@link #ROWS_PER_QUARTER}), whole quarters across the
     * programmes, with values derived from {@code salt} so that different salts make different returns.
     */
    public String csv(int rows, int salt) {
        StringBuilder csv = new StringBuilder(HEADER);
        int n = 0;
        for (String programme : programmes) {
            for (String quarter : QUARTERS) {
                if (n >= rows) {
                    return csv.toString();
                }
                for (String[] m : MEASUREMENTS) {
                    int low = Integer.parseInt(m[2]);
                    int high = Integer.parseInt(m[3]);
                    csv.append(programme).append(',').append(quarter).append(",measurement,").append(m[0]).append(',')
                            .append(m[1]).append(",,").append(low + (n * 7 + salt) % (high - low)).append(',')
                            .append(10 + n % 90).append(",,,,\n");
                    n++;
                }
                for (String type : OUTPUTS) {
                    csv.append(programme).append(',').append(quarter).append(",output,,,,,,,,").append(type)
                            .append(',').append((n + salt) % 500).append('\n');
                    n++;
                }
            }
        }
        if (n < rows) {
            throw new IllegalArgumentException("Only " + n + " rows fit " + programmes.size() + " programmes");
        }
        return csv.toString();
    }

    /** Programmes needed for an import of this many rows. */
    public static int programmesFor(int rows) {
        return -(-rows / (ROWS_PER_QUARTER * QUARTERS.size()));
    }

    /** Row counts of what an import writes, for this fixture's programmes, read as committed or not. */
    public Map<String, Long> counts(PackagedService service, boolean uncommitted) throws SQLException {
        try (Connection connection = service.jdbc(); Statement statement = connection.createStatement()) {
            if (uncommitted) {
                statement.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ UNCOMMITTED");
            }
            Map<String, Long> counts = new java.util.LinkedHashMap<>();
            String mine = " IN (SELECT id FROM programme WHERE organisation_id = '" + organisation + "')";
            for (String[] query : new String[][] {
                    { "submission", "SELECT COUNT(*) FROM submission WHERE programme_id" + mine },
                    { "submission_revision", "SELECT COUNT(*) FROM submission_revision r JOIN submission s "
                            + "ON s.id = r.submission_id WHERE s.programme_id" + mine },
                    { "submission_measurement", "SELECT COUNT(*) FROM submission_measurement WHERE programme_id" + mine },
                    { "submission_output", "SELECT COUNT(*) FROM submission_output WHERE programme_id" + mine },
                    { "import audit events", "SELECT COUNT(*) FROM audit_event WHERE action = 'submission.import' "
                            + "AND actor = 'fixture-partner-" + organisation + "'" } }) {
                try (ResultSet rows = statement.executeQuery(query[1])) {
                    rows.next();
                    counts.put(query[0], rows.getLong(1));
                }
            }
            return counts;
        }
    }

    /** What {@link #counts} gives once an import of {@code rows} rows is wholly applied. */
    public static Map<String, Long> applied(int rows) {
        long quarters = rows / ROWS_PER_QUARTER;
        return Map.of("submission", quarters, "submission_revision", quarters,
                "submission_measurement", quarters * MEASUREMENTS.length, "submission_output", quarters * OUTPUTS.length,
                "import audit events", 1L);
    }
}
