package uk.gov.london.vru.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.gov.london.vru.common.EmbeddedMariaDb;

/**
 * Two instances of the packaged service starting at the same moment against one empty database: Liquibase's lock
 * lets one migrate while the other waits, and the release loader stores 1.0.0 once. Runs the real jar (failsafe,
 * after {@code package}) in the production profile, against the embedded MariaDB this test starts.
 */
class ConcurrentStartIT {

    @Test
    void twoInstancesMigrateAnEmptyDatabaseExactlyOnce() throws Exception {
        // This JVM (failsafe's) starts its own embedded MariaDB, whose database is empty.
        EmbeddedMariaDb.Connection db = EmbeddedMariaDb.start("test");
        String url = db.jdbcUrl();
        try (Connection owner = DriverManager.getConnection(url, db.ownerUser(), db.ownerPassword());
                Statement statement = owner.createStatement();
                ResultSet tables = statement.executeQuery("SELECT COUNT(*) FROM information_schema.tables "
                        + "WHERE table_schema = DATABASE()")) {
            assertTrue(tables.next());
            assertEquals(0, tables.getInt(1), "the database starts empty");
        }
        List<Process> instances = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                int port = freePort();
                ports.add(port);
                ProcessBuilder builder = new ProcessBuilder(javaBin(), "-jar",
                        Path.of("target", "quarkus-app", "quarkus-run.jar").toString())
                        .redirectErrorStream(true)
                        .redirectOutput(new File("target/concurrent-start-" + i + ".log"));
                builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
                builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", url);
                builder.environment().put("QUARKUS_DATASOURCE_USERNAME", db.ownerUser());
                builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", db.ownerPassword());
                builder.environment().put("QUARKUS_OIDC_AUTH_SERVER_URL", "http://127.0.0.1:9/realms/none");
                instances.add(builder.start());
            }
            HttpClient client = HttpClient.newHttpClient();
            for (int port : ports) {
                // Generous: two instances starting at once on a busy 2-core machine took up to 150 s each.
                Instant deadline = Instant.now().plus(Duration.ofSeconds(300));
                int status = 0;
                while (status != 200 && Instant.now().isBefore(deadline)) {
                    try {
                        status = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/api/v1/framework/releases/1.0.0")).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                    } catch (java.io.IOException notYet) {
                        Thread.sleep(200);
                    }
                }
                assertEquals(200, status, "instance on port " + port + " serves release 1.0.0 (see target/"
                        + "concurrent-start-*.log)");
            }
            try (Connection connection = DriverManager.getConnection(url, db.ownerUser(), db.ownerPassword());
                    Statement statement = connection.createStatement()) {
                try (ResultSet rows = statement.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id, filename) "
                        + "FROM DATABASECHANGELOG WHERE exectype = 'EXECUTED' AND id NOT LIKE '900-%'")) {
                    assertTrue(rows.next());
                    assertTrue(rows.getInt(1) > 0);
                    assertEquals(rows.getInt(2), rows.getInt(1), "each changeset applied once");
                }
                try (ResultSet rows = statement.executeQuery(
                        "SELECT COUNT(*) FROM framework_release WHERE version = '1.0.0'")) {
                    assertTrue(rows.next());
                    assertEquals(1, rows.getInt(1), "release 1.0.0 stored once");
                }
            }
            // The instance that waited for the other's migration logged no errors meanwhile (its scheduled jobs wait
            // for the schema instead of querying tables it has no rights to yet).
            for (int i = 0; i < instances.size(); i++) {
                List<String> errors = java.nio.file.Files.readAllLines(Path.of("target", "concurrent-start-" + i
                        + ".log")).stream().filter(line -> line.contains("\"level\":\"ERROR\"")
                                || line.contains(" ERROR ")).toList();
                assertEquals(0, errors.size(), "instance " + i + " logged " + errors.size() + " error(s) while starting,"
                        + " the first: " + errors.stream().findFirst().map(e -> e.substring(0, Math.min(600, e.length())))
                                .orElse(""));
            }
        } finally {
            instances.forEach(Process::destroy);
            for (Process instance : instances) {
                instance.waitFor();
            }
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
