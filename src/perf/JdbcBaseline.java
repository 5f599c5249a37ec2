import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

/**
 * Baseline for the import benchmark: a plain JDBC batch insert of the same measurement rows into a copy of the
 * measurement table, in one transaction. Args: JDBC URL, user, password, CSV file (the import's rows).
 */
public class JdbcBaseline {
    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[3]));
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2]);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS bench_measurement LIKE submission_measurement");
            statement.execute("TRUNCATE TABLE bench_measurement");
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            int rows = 0;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_measurement (submission_id, "
                    + "programme_id, period, priority_area, outcome_code, measure_code, value, participants, baseline) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (String line : lines.subList(1, lines.size())) {
                    String[] cells = line.split(",", -1);
                    insert.setString(1, cells[0]);
                    insert.setString(2, cells[0]);
                    insert.setString(3, cells[1]);
                    insert.setString(4, cells[3].substring(0, 2));
                    insert.setString(5, cells[3]);
                    insert.setString(6, cells[4]);
                    insert.setBigDecimal(7, new java.math.BigDecimal(cells[6]));
                    insert.setInt(8, Integer.parseInt(cells[7]));
                    insert.setBigDecimal(9, cells[8].isEmpty() ? null : new java.math.BigDecimal(cells[8]));
                    insert.addBatch();
                    if (++rows % 1000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d %.3f%n", rows, seconds);
        }
    }
}
