package uk.gov.london.vru.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import uk.gov.london.vru.common.EmbeddedMariaDb;
import uk.gov.london.vru.testsupport.ImportFixture;
import uk.gov.london.vru.testsupport.PackagedService;

/**
 * The packaged service's process ending in the middle of a bulk import: killed ({@code kill -9}), the import is
 * wholly applied or not at all after a restart; stopped (SIGTERM), the import in flight finishes, is answered and
 * is kept. Runs the real jar (failsafe, after {@code package}) against an embedded MariaDB of its own.
 */
class ProcessLifecycleIT {

    static final String IMPORTS = "/api/v1/submissions/imports";
    /** Rows of each import: big enough that it takes a few seconds to write. */
    static final int ROWS = 50_400;

    static EmbeddedMariaDb.Server db;
    static PackagedService service;

    @BeforeAll
    static void start() {
        db = EmbeddedMariaDb.launch("lifecycle-db");
        service = new PackagedService("lifecycle", db.connection()).start();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void anImportKilledMidwayIsWhollyAppliedOrNotAtAllAfterARestart() throws Exception {
        ImportFixture fixture = ImportFixture.create(service, ImportFixture.programmesFor(ROWS));
        String csv = fixture.csv(ROWS, 1);
        String key = UUID.randomUUID().toString();
        CompletableFuture<Integer> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return service.api().auth().oauth2(fixture.partner).header("Idempotency-Key", key)
                        .contentType("text/csv").body(csv).post(IMPORTS).statusCode();
            } catch (Exception connectionCut) { // REST Assured rethrows IOExceptions undeclared
                return -1;
            }
        });
        long written = awaitUncommittedRows(fixture);
        service.kill();
        assertEquals(-1, answer.get(30, TimeUnit.SECONDS), "the killed import was never answered");
        System.out.printf("Killed the service with %d uncommitted rows of the import written%n", written);

        service.start();
        Map<String, Long> after = fixture.counts(service, false);
        Map<String, Long> none = Map.of("submission", 0L, "submission_revision", 0L, "submission_measurement", 0L,
                "submission_output", 0L, "import audit events", 0L);
        assertTrue(after.equals(none) || after.equals(ImportFixture.applied(ROWS)),
                "the import is wholly applied or not at all: " + after);
        System.out.println("After the restart: " + (after.equals(none) ? "not applied at all" : "wholly applied"));

        // The client never got an answer, so it retries. Within the key's lease the retry is told to wait (the first
        // request may still be running, for all the service knows), never answered 500; without the key it runs.
        if (after.equals(none)) {
            service.api().auth().oauth2(fixture.partner).header("Idempotency-Key", key).contentType("text/csv")
                    .body(csv).post(IMPORTS).then().statusCode(409).contentType("application/problem+json");
            service.api().auth().oauth2(fixture.partner).contentType("text/csv").body(csv).post(IMPORTS).then()
                    .statusCode(200).body("imported", org.hamcrest.Matchers.equalTo(ROWS));
            assertEquals(ImportFixture.applied(ROWS), fixture.counts(service, false));
        }
    }

    @Test
    void onSigtermTheImportInFlightFinishesAndIsKept() throws Exception {
        if (!service.process().isAlive()) {
            service.start();
        }
        ImportFixture fixture = ImportFixture.create(service, ImportFixture.programmesFor(ROWS));
        String csv = fixture.csv(ROWS, 2);
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> service.api().auth()
                .oauth2(fixture.partner).contentType("text/csv").body(csv).post(IMPORTS));
        awaitUncommittedRows(fixture);
        Instant stopping = Instant.now();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(service::terminate);

        Response response = answer.get(60, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode(), "the import in flight when SIGTERM came is answered: "
                + response.asString());
        assertEquals(ROWS, response.jsonPath().getInt("imported"));
        int code = exit.get(60, TimeUnit.SECONDS);
        System.out.printf("SIGTERM: the process exited (%d) %d ms later, after answering the import%n", code,
                Duration.between(stopping, Instant.now()).toMillis());
        assertTrue(code == 0 || code == 143, "a clean exit, not a crash: " + code);

        service.start();
        assertEquals(ImportFixture.applied(ROWS), fixture.counts(service, false), "what was answered is kept");
    }

    /** Waits until the import in flight has written rows its transaction has not committed; returns how many. */
    private static long awaitUncommittedRows(ImportFixture fixture) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Map<String, Long> dirty = fixture.counts(service, true);
            long written = dirty.values().stream().mapToLong(Long::longValue).sum();
            if (written > 0) {
                assertEquals(Map.of("submission", 0L, "submission_revision", 0L, "submission_measurement", 0L,
                        "submission_output", 0L, "import audit events", 0L), fixture.counts(service, false),
                        "nothing committed yet: the import is one transaction in progress");
                return written;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the import never started writing");
    }
}
