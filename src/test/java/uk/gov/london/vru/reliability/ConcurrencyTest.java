package uk.gov.london.vru.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.gov.london.vru.testsupport.Api.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import uk.gov.london.vru.framework.ReleaseDiff;
import uk.gov.london.vru.framework.SemanticVersion;
import uk.gov.london.vru.testsupport.Organisations;
import uk.gov.london.vru.testsupport.Programmes;
import uk.gov.london.vru.testsupport.Tokens;

/**
 * Many requests at the same moment on the same object: every save is kept as its own revision, one Idempotency-Key
 * has one effect however many requests carry it, one draft is published once, and nothing answers 5xx.
 */
@QuarkusTest
class ConcurrencyTest {

    static final int PARALLEL = 50;

    @Inject
    DataSource dataSource;

    @Test
    void fiftyParallelSavesOfOneQuarterEachMakeOneRevisionAndNoneIsLost() throws Exception {
        String organisation = Organisations.createPartner();
        String programme = Programmes.approved(organisation);
        String token = Tokens.partner(organisation);
        String quarter = "/api/v1/programmes/" + programme + "/submissions/2025-26-Q3";
        List<Response> answers = all(PARALLEL, i -> api().auth().oauth2(token).contentType("application/json")
                .body(content(20 + i)).put(quarter));
        Map<Integer, Integer> statuses = statuses(answers);
        assertEquals(Set.of(200, 201), Set.copyOf(statuses.keySet()), "every save answered 200 or 201: " + statuses);
        assertEquals(1, statuses.get(201), "one save created the return: " + statuses);

        JsonPath revisions = api().auth().oauth2(token).get(quarter + "/revisions").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(IntStream.rangeClosed(1, PARALLEL).boxed().toList(), revisions.getList("items.revision"),
                "one revision per save, numbered without gaps");
        // No lost update: every request's figures are in exactly one revision, and each answer names its own.
        List<Float> stored = revisions.getList("items.collect { it.content.measurements[0].value }", Float.class);
        assertEquals(IntStream.range(0, PARALLEL).mapToObj(i -> (float) (20 + i)).collect(java.util.stream.Collectors
                .toSet()), Set.copyOf(stored));
        Set<Integer> answered = new java.util.HashSet<>();
        for (Response answer : answers) {
            answered.add(answer.jsonPath().getInt("revision"));
        }
        assertEquals(PARALLEL, answered.size(), "each save was answered with the revision it made");
        // The current figures (what reports read) are the last revision's.
        float last = revisions.getFloat("items[-1].content.measurements[0].value");
        api().auth().oauth2(token).get(quarter).then().statusCode(200)
                .body("revision", org.hamcrest.Matchers.equalTo(PARALLEL))
                .body("content.measurements[0].value", org.hamcrest.Matchers.equalTo(last));
        assertEquals(1, count("SELECT COUNT(*) FROM submission_measurement m JOIN submission s ON s.id = m.submission_id "
                + "WHERE s.programme_id = ? AND s.period = '2025-26-Q3'", programme), "one current row per figure");
    }

    @Test
    void parallelRequestsWithOneIdempotencyKeyHaveExactlyOneEffect() throws Exception {
        String organisation = Organisations.createPartner();
        String programme = Programmes.approved(organisation);
        String partner = Tokens.partner(organisation);
        String quarter = "/api/v1/programmes/" + programme + "/submissions/2025-26-Q4";
        api().auth().oauth2(partner).contentType("application/json").body(content(50)).put(quarter).then()
                .statusCode(201);

        // A lifecycle POST: submitted once, one audit event, every answer the first one or "still running".
        String key = UUID.randomUUID().toString();
        List<Response> submits = all(PARALLEL, i -> api().auth().oauth2(partner).header("Idempotency-Key", key)
                .post(quarter + "/submit"));
        Map<Integer, Integer> statuses = statuses(submits);
        assertTrue(Set.of(200, 409).containsAll(statuses.keySet()), "200 or 409 (still running): " + statuses);
        assertTrue(statuses.getOrDefault(200, 0) >= 1, statuses.toString());
        String submission = api().auth().oauth2(partner).get(quarter).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("submitted")).extract().path("href");
        assertEquals(1, count("SELECT COUNT(*) FROM audit_event a JOIN submission s ON s.id = a.target_id "
                + "WHERE a.action = 'submission.submit' AND s.programme_id = ?", programme), "submitted once");
        for (Response submit : submits) {
            if (submit.statusCode() == 200) {
                assertEquals("submitted", submit.path("status"));
            }
        }
        assertTrue(submission.endsWith("2025-26-Q4"));

        // A bulk import: one revision, one import audit event.
        String csv = "programme,period,kind,outcome,measure,statistic,value,participants,baseline,comment,outputType,"
                + "count\n" + programme + ",2026-27-Q1,measurement,PO-I01,M-WEMWBS,,47,25,,,,\n";
        String importKey = UUID.randomUUID().toString();
        List<Response> imports = all(PARALLEL, i -> api().auth().oauth2(partner).header("Idempotency-Key", importKey)
                .contentType("text/csv").body(csv).post("/api/v1/submissions/imports"));
        Map<Integer, Integer> importStatuses = statuses(imports);
        assertTrue(Set.of(200, 409).containsAll(importStatuses.keySet()), importStatuses.toString());
        for (Response answer : imports) {
            if (answer.statusCode() == 200) {
                assertEquals(1, answer.jsonPath().getInt("imported"), "every 200 is the first answer, replayed");
            }
        }
        api().auth().oauth2(partner).get("/api/v1/programmes/" + programme + "/submissions/2026-27-Q1/revisions")
                .then().statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(1));
        assertEquals(1, count("SELECT COUNT(*) FROM audit_event WHERE action = 'submission.import' AND actor = ?",
                "test-partner-" + organisation), "imported once");
    }

    @Test
    void parallelPublishesOfOneDraftPublishItOnce() throws Exception {
        String editor = Tokens.role("framework-editor");
        String base = api().get("/api/v1/framework/releases/latest").path("version");
        String minor = ReleaseDiff.Bump.MINOR.apply(SemanticVersion.parse(base).orElseThrow()).toString();
        Response created = api().auth().oauth2(editor).contentType("application/json")
                .body(Map.of("basedOn", base, "title", "Concurrent publish")).post("/api/v1/framework/drafts");
        created.then().statusCode(201);
        String draft = "/api/v1/framework/drafts/" + created.path("id");
        String code = "RH-I" + (80 + java.util.concurrent.ThreadLocalRandom.current().nextInt(19));
        api().auth().oauth2(editor).contentType("application/json").header("If-Match", created.header("ETag"))
                .body(Map.of("changes", List.of(Map.of("op", "add", "kind", "programme-outcome", "code", code,
                        "parent", "RH-H01", "fields", Map.of("title", "Added by the concurrency test")))))
                .post(draft + "/changes").then().statusCode(200);

        List<Response> publishes = all(20, i -> api().auth().oauth2(editor).contentType("application/json")
                .body(Map.of("version", minor)).post(draft + "/publish"));
        Map<Integer, Integer> statuses = statuses(publishes);
        assertEquals(1, statuses.get(201), "published once: " + statuses);
        assertEquals(Set.of(201, 409), statuses.keySet(), "the others are told it is published already: " + statuses);
        assertEquals(1, count("SELECT COUNT(*) FROM framework_release WHERE version = ?", minor));
        assertEquals(1, count("SELECT COUNT(*) FROM framework_event WHERE type = 'release.published' AND "
                + "release_version = ?", minor), "one change-feed event");
        api().get("/api/v1/framework/releases/" + minor).then().statusCode(200);
    }

    private static Map<String, Object> content(double wemwbs) {
        return Map.of("measurements", List.of(Map.of("outcome", "PO-I01", "measure", "M-WEMWBS", "value", wemwbs,
                "participants", 10)));
    }

    /** Runs n calls at once (released together) and returns their answers, failing on any 5xx. */
    private static List<Response> all(int n, java.util.function.IntFunction<Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit((Callable<Response>) () -> {
                    start.await();
                    return call.apply(index);
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> future : futures) {
                Response answer = future.get();
                assertTrue(answer.statusCode() < 500, "answered " + answer.statusCode() + ": " + answer.asString());
                answers.add(answer);
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<Integer, Integer> statuses(List<Response> answers) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        answers.forEach(a -> statuses.merge(a.statusCode(), 1, Integer::sum));
        return statuses;
    }

    private long count(String sql, String parameter) throws Exception {
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
