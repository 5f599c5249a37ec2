import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Baseline for the write benchmark: the SQL of one quarterly save (20 measurements), by plain JDBC, on copies of
 * the tables (bench_*, same indexes) seeded with the write benchmark's programmes and returns: read the programme,
 * lock it, read its returns with their current revisions' hashes (locking them), update the return, insert the
 * revision (the content as JSON), replace its 20 measurement rows and its output row, insert an audit event,
 * commit, and read the return and its content back (as the API answers with them). Nothing else: no HTTP, no
 * token, no validation, no JSON mapping. Same connections and duration as the benchmark; requests go round the
 * returns the benchmark created, programme first, as the benchmark does. A deadlock is rolled back and counted as
 * refused (the service answers 409 then).
 *
 * Args: JDBC URL, user, password, connections, seconds, file of programme ids.
 * Prints: saves, refused, seconds, median and p99 latency in ms (of the saves), then per save the server's
 * Questions, Com_commit, Bytes_received, Bytes_sent, Innodb_rows_read and Innodb_os_log_fsyncs (as bench.py's STATUS).
 */
public class SaveBaseline {

    public static void main(String[] args) throws Exception {
        String url = args[0], user = args[1], password = args[2];
        int connections = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        List<String> ids = Files.readAllLines(Path.of(args[5])).stream().filter(s -> !s.isBlank()).toList();
        String in = "'" + String.join("','", ids) + "'";
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            for (String table : List.of("programme", "submission", "submission_revision", "submission_measurement",
                    "submission_output", "audit_event")) {
                statement.execute("DROP TABLE IF EXISTS bench_" + table);
                statement.execute("CREATE TABLE bench_" + table + " LIKE " + table);
            }
            statement.execute("INSERT INTO bench_programme SELECT * FROM programme WHERE id IN (" + in + ")");
            statement.execute("INSERT INTO bench_submission SELECT * FROM submission WHERE programme_id IN (" + in + ")");
            statement.execute("INSERT INTO bench_submission_revision SELECT r.* FROM submission_revision r JOIN "
                    + "submission s ON s.id = r.submission_id WHERE s.programme_id IN (" + in + ")");
            statement.execute("INSERT INTO bench_submission_measurement SELECT * FROM submission_measurement "
                    + "WHERE programme_id IN (" + in + ")");
            statement.execute("INSERT INTO bench_submission_output SELECT * FROM submission_output "
                    + "WHERE programme_id IN (" + in + ")");
        }
        List<String[]> slots = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT programme_id, period FROM bench_submission "
                        + "ORDER BY period, programme_id")) {
            while (rows.next()) {
                slots.add(new String[] { rows.getString(1), rows.getString(2) });
            }
        }
        if (slots.isEmpty()) {
            throw new IllegalStateException("no returns to save (the write benchmark creates them)");
        }
        java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<List<Long>> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < connections; t++) {
            int thread = t;
            List<Long> mine = new ArrayList<>();
            latencies.add(mine);
            threads.add(new Thread(() -> {
                try (Connection connection = DriverManager.getConnection(url, user, password)) {
                    connection.setAutoCommit(false);
                    for (long n = 0; !stop.get(); n++) {
                        long k = n * connections + thread;
                        String[] slot = slots.get((int) (k % slots.size()));
                        long visit = 1_000_000 + k / slots.size();
                        long start = System.nanoTime();
                        try {
                            save(connection, slot[0], slot[1], visit);
                            mine.add(System.nanoTime() - start);
                        } catch (java.sql.SQLException e) {
                            connection.rollback();
                            if (e.getErrorCode() != 1213 && e.getErrorCode() != 1205) {
                                throw e;
                            }
                            refused.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        long[] before = status(url, user, password);
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] after = status(url, user, password);
        if (!failures.isEmpty()) {
            failures.get(0).printStackTrace();
            System.exit(1);
        }
        List<Long> all = new ArrayList<>();
        latencies.forEach(all::addAll);
        Collections.sort(all);
        System.out.printf("%d %d %.3f %.2f %.2f", all.size(), refused.get(), elapsed, all.get(all.size() / 2) / 1e6,
                all.get((int) Math.min(all.size() - 1, Math.ceil(all.size() * 0.99) - 1)) / 1e6);
        for (int i = 0; i < STATUS.size(); i++) {
            System.out.printf(" %.1f", (after[i] - before[i]) / (double) all.size());
        }
        System.out.println();
    }

    private static final List<String> STATUS = List.of("Questions", "Com_commit", "Bytes_received", "Bytes_sent",
            "Innodb_rows_read", "Innodb_os_log_fsyncs");

    private static long[] status(String url, String user, String password) throws Exception {
        long[] values = new long[STATUS.size()];
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW GLOBAL STATUS")) {
            while (rows.next()) {
                int i = STATUS.indexOf(rows.getString(1));
                if (i >= 0) {
                    values[i] = Long.parseLong(rows.getString(2));
                }
            }
        }
        return values;
    }

    private static void save(Connection c, String programme, String quarter, long visit) throws Exception {
        try (PreparedStatement read = c.prepareStatement("SELECT * FROM bench_programme WHERE id = ?")) {
            read.setString(1, programme);
            read.executeQuery().close();
        }
        try (PreparedStatement lock = c.prepareStatement("SELECT id FROM bench_programme WHERE id IN (?) FOR UPDATE")) {
            lock.setString(1, programme);
            lock.executeQuery().close();
        }
        String submission = null;
        int revision = 0;
        try (PreparedStatement returns = c.prepareStatement("SELECT s.id, s.period, s.status, s.revision, s.late, "
                + "r.content_hash FROM bench_submission s JOIN bench_submission_revision r ON r.submission_id = s.id "
                + "AND r.revision = s.revision WHERE s.programme_id IN (?) FOR UPDATE")) {
            returns.setString(1, programme);
            try (ResultSet rows = returns.executeQuery()) {
                while (rows.next()) {
                    if (rows.getString(2).equals(quarter)) {
                        submission = rows.getString(1);
                        revision = rows.getInt(4);
                    }
                }
            }
        }
        if (submission == null) {
            throw new IllegalStateException("no return " + programme + " " + quarter + " (the warm-up creates them)");
        }
        Timestamp now = new Timestamp(System.currentTimeMillis());
        StringBuilder json = new StringBuilder("{\"outputs\":[{\"outputType\":\"OT-TRAININGS\",\"count\":")
                .append(visit % 50).append("}],\"measurements\":[");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            long v = (visit * 7 + i * 13) % 10000;
            String outcome = String.format("RH-I%02d", i);
            String measure = i <= 10 ? "M-BENCH-SCORE" : "M-BENCH-COUNT";
            java.math.BigDecimal value = i <= 10 ? java.math.BigDecimal.valueOf(v, 2) : java.math.BigDecimal.valueOf(v);
            int participants = (int) (10 + (visit + i) % 90);
            json.append(i > 1 ? "," : "").append("{\"outcome\":\"").append(outcome).append("\",\"measure\":\"")
                    .append(measure).append("\",\"statistic\":\"").append(i <= 10 ? "mean" : "total")
                    .append("\",\"value\":").append(value.toPlainString()).append(",\"participants\":")
                    .append(participants).append(",\"baseline\":").append((i * 5) % 100).append('}');
            rows.add(new Object[] { outcome, measure, value, participants, java.math.BigDecimal.valueOf((i * 5) % 100) });
        }
        String content = json.append("]}").toString();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(content.getBytes(StandardCharsets.UTF_8)));
        try (PreparedStatement update = c.prepareStatement("UPDATE bench_submission SET revision = ?, late = ?, "
                + "updated_at = ?, version = version + 1 WHERE id = ?")) {
            update.setInt(1, revision + 1);
            update.setBoolean(2, true);
            update.setTimestamp(3, now);
            update.setString(4, submission);
            update.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_submission_revision (submission_id, "
                + "revision, content, content_hash, saved_by, saved_at, late) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, submission);
            insert.setInt(2, revision + 1);
            insert.setString(3, content);
            insert.setString(4, hash);
            insert.setString(5, "bench-partner");
            insert.setTimestamp(6, now);
            insert.setBoolean(7, true);
            insert.executeUpdate();
        }
        for (String table : List.of("bench_submission_measurement", "bench_submission_output")) {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE submission_id IN (?)")) {
                delete.setString(1, submission);
                delete.executeUpdate();
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_submission_measurement (submission_id, "
                + "programme_id, period, priority_area, outcome_code, measure_code, value, participants, baseline, "
                + "status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement output = c.prepareStatement("INSERT INTO bench_submission_output (submission_id, "
                        + "programme_id, period, output_type, count, status) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Object[] row : rows) {
                insert.setString(1, submission);
                insert.setString(2, programme);
                insert.setString(3, quarter);
                insert.setString(4, "RH");
                insert.setString(5, (String) row[0]);
                insert.setString(6, (String) row[1]);
                insert.setBigDecimal(7, (java.math.BigDecimal) row[2]);
                insert.setInt(8, (Integer) row[3]);
                insert.setBigDecimal(9, (java.math.BigDecimal) row[4]);
                insert.setString(10, "draft");
                insert.addBatch();
            }
            insert.executeBatch();
            output.setString(1, submission);
            output.setString(2, programme);
            output.setString(3, quarter);
            output.setString(4, "OT-TRAININGS");
            output.setLong(5, visit % 50);
            output.setString(6, "draft");
            output.executeUpdate();
        }
        try (PreparedStatement audit = c.prepareStatement("INSERT INTO bench_audit_event (occurred_at, request_id, "
                + "actor, actor_organisation, actor_role, action, target_type, target_id, before_state, after_state) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            audit.setTimestamp(1, now);
            audit.setString(2, java.util.UUID.randomUUID().toString());
            audit.setString(3, "bench-partner");
            audit.setString(4, null);
            audit.setString(5, "partner");
            audit.setString(6, "submission.save");
            audit.setString(7, "submission");
            audit.setString(8, submission);
            audit.setString(9, "{\"revision\":" + revision + "}");
            audit.setString(10, "{\"submission\":\"" + submission + "\",\"programme\":\"" + programme
                    + "\",\"period\":\"" + quarter + "\",\"revision\":" + (revision + 1) + ",\"previousRevision\":"
                    + revision + ",\"contentHash\":\"" + hash + "\"}");
            audit.executeUpdate();
        }
        c.commit();
        try (PreparedStatement read = c.prepareStatement("SELECT * FROM bench_submission WHERE programme_id = ? "
                + "AND period = ?")) {
            read.setString(1, programme);
            read.setString(2, quarter);
            read.executeQuery().close();
        }
        try (PreparedStatement read = c.prepareStatement("SELECT content FROM bench_submission_revision "
                + "WHERE submission_id = ? AND revision = ?")) {
            read.setString(1, submission);
            read.setInt(2, revision + 1);
            read.executeQuery().close();
        }
        c.commit();
    }
}
