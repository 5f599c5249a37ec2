import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Baseline for the report benchmark: the SQL of the results report for one quarter (as ReportService writes it for a
 * commissioner: the measurements grouped by quarter, priority area, outcome and measure, and the outputs grouped by
 * quarter and output type), by plain JDBC on one connection, one query after the other for a fixed time, every row
 * read. What MariaDB alone takes for the report on this machine, with the same data. Keep it in step with
 * ReportService.
 *
 * Args: JDBC URL, user, password, seconds, quarter. Prints: queries, median and p95 latency in ms.
 */
public class ReportBaseline {

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[3]);
        String quarter = args[4];
        List<Long> latencies = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2]);
                PreparedStatement measurements = connection.prepareStatement("SELECT m.period, m.priority_area, "
                        + "m.outcome_code, m.measure_code, COUNT(*), COUNT(*), SUM(m.participants), AVG(m.value), "
                        + "AVG(m.baseline), AVG(CASE WHEN m.baseline IS NOT NULL THEN m.value - m.baseline END) "
                        + "FROM submission_measurement m WHERE m.status IN ('submitted', 'accepted') AND m.period = ? "
                        + "GROUP BY m.period, m.priority_area, m.outcome_code, m.measure_code "
                        + "ORDER BY m.period, m.priority_area, m.outcome_code, m.measure_code");
                PreparedStatement outputs = connection.prepareStatement("SELECT o.period, o.output_type, COUNT(*), "
                        + "SUM(o.count) FROM submission_output o WHERE o.status IN ('submitted', 'accepted') "
                        + "AND o.period = ? GROUP BY o.period, o.output_type ORDER BY o.period, o.output_type")) {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            for (int i = 0; i < 2 || System.nanoTime() < end; i++) {
                long start = System.nanoTime();
                for (PreparedStatement statement : List.of(measurements, outputs)) {
                    statement.setString(1, quarter);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            for (int c = 1; c <= rows.getMetaData().getColumnCount(); c++) {
                                rows.getObject(c);
                            }
                        }
                    }
                }
                if (i >= 2) { // the first two warm up
                    latencies.add(System.nanoTime() - start);
                }
            }
        }
        Collections.sort(latencies);
        System.out.printf("%d %.2f %.2f%n", latencies.size(), latencies.get(latencies.size() / 2) / 1e6,
                latencies.get((int) Math.min(latencies.size() - 1, Math.ceil(latencies.size() * 0.95) - 1)) / 1e6);
    }
}
