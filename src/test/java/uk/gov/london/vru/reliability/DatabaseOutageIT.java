package uk.gov.london.vru.reliability;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import uk.gov.london.vru.common.EmbeddedMariaDb;
import uk.gov.london.vru.testsupport.ImportFixture;
import uk.gov.london.vru.testsupport.PackagedService;

/**
 * The database stopped under the running packaged service, then started again: readiness turns down, every request
 * that needs the database is answered 503 (a problem document with Retry-After) within the configured timeouts,
 * the import cut off half-way leaves nothing behind, and once the database is back the same process serves again.
 * The test owns its database ({@link EmbeddedMariaDb#launch}), so no other test is disturbed.
 */
class DatabaseOutageIT {

    /** Acquisition timeout (5 s) plus connect timeout (3 s), with room for a slow machine. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(15);
    static final int ROWS = 35_280;

    @Test
    void whileTheDatabaseIsDownRequestsGet503QuicklyAndTheServiceRecoversWithoutARestart() throws Exception {
        try (EmbeddedMariaDb.Server db = EmbeddedMariaDb.launch("outage-db");
                PackagedService service = new PackagedService("outage", db.connection()).start()) {
            String admin = PackagedService.token(Map.of("role", "admin", "sub", "outage-admin"));
            ImportFixture fixture = ImportFixture.create(service, ImportFixture.programmesFor(ROWS));
            long pid = service.process().pid();

            // An import in flight when the database goes away.
            String csv = fixture.csv(ROWS, 3);
            CompletableFuture<Response> cutOff = CompletableFuture.supplyAsync(() -> service.api().auth()
                    .oauth2(fixture.partner).contentType("text/csv").body(csv).post("/api/v1/submissions/imports"));
            awaitUncommittedRows(service, fixture);
            Instant stopped = Instant.now();
            db.stop();
            Response interrupted = cutOff.get(60, TimeUnit.SECONDS);
            assertEquals(503, interrupted.statusCode(), interrupted.asString());
            System.out.printf("Database stopped under an import: answered 503 after %d ms%n",
                    Duration.between(stopped, Instant.now()).toMillis());

            // Readiness turns down; liveness stays up (restarting the process would not help).
            Instant deadline = Instant.now().plus(ANSWER_WITHIN);
            while (service.status("/q/health/ready") != 503 && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            assertEquals(503, service.status("/q/health/ready"), "readiness is down while the database is");
            assertEquals(200, service.status("/q/health/live"));

            // More requests at once than the pool has connections, reads and writes: each answered 503 in time.
            List<String> refusedNames = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(30);
            try {
                List<Future<Long>> answers = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    String name = "Refused while down " + UUID.randomUUID();
                    refusedNames.add(name);
                    boolean write = i % 2 == 0;
                    answers.add(pool.submit(() -> {
                        Instant sent = Instant.now();
                        var request = service.api().auth().oauth2(admin);
                        Response response = write
                                ? request.contentType("application/json")
                                        .body(Map.of("name", name, "type", "voluntary-sector"))
                                        .post("/api/v1/organisations")
                                : request.get("/api/v1/organisations");
                        response.then().statusCode(503).contentType("application/problem+json")
                                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                                .body("type", equalTo("tag:vru.london.gov.uk,2022:problem/service-unavailable"))
                                .body("status", equalTo(503));
                        return Duration.between(sent, Instant.now()).toMillis();
                    }));
                }
                long slowest = 0;
                for (Future<Long> answer : answers) {
                    slowest = Math.max(slowest, answer.get(ANSWER_WITHIN.toSeconds() * 2, TimeUnit.SECONDS));
                }
                System.out.printf("While the database was down, the slowest of 30 requests was answered in %d ms%n",
                        slowest);
                assertTrue(slowest < ANSWER_WITHIN.toMillis(), "answered within " + ANSWER_WITHIN + ": " + slowest);
            } finally {
                pool.shutdownNow();
            }

            // The database returns: the same process recovers by itself.
            db.start();
            Instant restarted = Instant.now();
            deadline = restarted.plus(Duration.ofSeconds(60));
            while (service.status("/q/health/ready") != 200 && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            assertEquals(200, service.status("/q/health/ready"), "ready again once the database is back");
            System.out.printf("Ready again %d ms after the database restarted%n",
                    Duration.between(restarted, Instant.now()).toMillis());
            assertEquals(pid, service.process().pid(), "recovered without a restart");
            service.api().auth().oauth2(admin).contentType("application/json")
                    .body(Map.of("name", "Created after the outage " + UUID.randomUUID(), "type", "voluntary-sector"))
                    .post("/api/v1/organisations").then().statusCode(201);

            // Nothing half-written: the cut-off import left no row, and no refused write exists.
            assertEquals(Map.of("submission", 0L, "submission_revision", 0L, "submission_measurement", 0L,
                    "submission_output", 0L, "import audit events", 0L), fixture.counts(service, false));
            try (var connection = service.jdbc(); var query = connection.prepareStatement(
                    "SELECT COUNT(*) FROM organisation WHERE name LIKE 'Refused while down %'")) {
                try (var rows = query.executeQuery()) {
                    rows.next();
                    assertEquals(0, rows.getInt(1), "no refused write was stored");
                }
            }
            // And the import, sent again, is wholly applied.
            service.api().auth().oauth2(fixture.partner).contentType("text/csv").body(csv)
                    .post("/api/v1/submissions/imports").then().statusCode(200).body("imported", equalTo(ROWS));
            assertEquals(ImportFixture.applied(ROWS), fixture.counts(service, false));
        }
    }

    private static void awaitUncommittedRows(PackagedService service, ImportFixture fixture) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (fixture.counts(service, true).values().stream().mapToLong(Long::longValue).sum() > 0) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the import never started writing");
    }
}
