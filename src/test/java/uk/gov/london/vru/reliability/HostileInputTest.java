package uk.gov.london.vru.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static uk.gov.london.vru.testsupport.Api.api;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import uk.gov.london.vru.framework.ReleaseLoader;
import uk.gov.london.vru.framework.ReleaseStatus;
import uk.gov.london.vru.testsupport.Api;
import uk.gov.london.vru.testsupport.ContractModel;
import uk.gov.london.vru.testsupport.ContractModel.Operation;
import uk.gov.london.vru.testsupport.Organisations;
import uk.gov.london.vru.testsupport.Programmes;
import uk.gov.london.vru.testsupport.Tokens;

/**
 * Hostile input, generated from the contract: every write operation in {@code openapi/openapi.yaml} (so a new one is
 * covered without touching this test) is sent requests derived from its example body and schema, each broken in one
 * or more ways: wrong types, missing and extra properties, values past the schema's limits, huge and negative numbers,
 * NaN, very long strings, deep nesting, invalid UTF-8, wrong content types, oversized bodies (with and without a
 * length), hostile path segments and headers. Whatever it is sent, the service must never answer 5xx; every refusal
 * must be a problem document that matches the contract; and a refused request must leave the database as it was.
 *
 * <p>Cases come from jqwik generators seeded with {@value #DEFAULT_SEED} (or {@code -Dvru.fuzz.seed}); each
 * operation gets {@code -Dvru.fuzz.cases} cases ({@value #DEFAULT_CASES} by default). The seed, the cases per
 * operation and every failure (with its request) are printed, so a failure can be replayed exactly.
 */
@QuarkusTest
class HostileInputTest {

    static final long DEFAULT_SEED = 20261130L;
    static final int DEFAULT_CASES = 110;
    static final long SEED = Long.getLong("vru.fuzz.seed", DEFAULT_SEED);
    static final int CASES = Integer.getInteger("vru.fuzz.cases", DEFAULT_CASES);
    /** The request body limit outside imports (vru.limits.body-size). */
    static final int BODY_LIMIT = 1024 * 1024;

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Marks a raw literal in a serialised body (characters Jackson writes as they are). */
    static final String RAW = "\u27E6RAW\u27E7";

    @Inject
    DataSource dataSource;

    @Inject
    ReleaseLoader loader;

    private String lastCounters;
    private String lastFingerprint;

    /** One generated request and what kind of hostility it carries. */
    record Case(String operation, String kind, String method, String path, boolean pathChanged,
            Map<String, String> headers, byte[] body, boolean chunked, Integer expectedStatus) {

        /**
         * A path with a percent sign that starts no escape (%ZZ, a bare %): not a URI at all. The HTTP router
         * refuses it with 400 before any of the service's code runs, so with a bare status, not a problem document
         * (the one such exception, with 414 and 431 for request lines and headers over the server's limits).
         */
        boolean unparseablePath() {
            return path.indexOf('%') >= 0 && !path.matches("([^%]|%[0-9A-Fa-f]{2})*");
        }

        String describe() {
            String text = body == null ? "(no body)" : new String(body, 0, Math.min(body.length, 300),
                    StandardCharsets.UTF_8).replace("\n", "\\n");
            return operation + " [" + kind + "] " + method + " " + path + " headers=" + redacted() + " body("
                    + (body == null ? 0 : body.length) + (chunked ? ", chunked" : "") + ")=" + text;
        }

        private Map<String, String> redacted() {
            Map<String, String> shown = new TreeMap<>(headers);
            shown.computeIfPresent("Authorization", (k, v) -> v.length() > 30 ? v.substring(0, 20) + "…" : v);
            shown.replaceAll((k, v) -> v.length() > 80 ? v.substring(0, 80) + "…(" + v.length() + ")" : v);
            return shown;
        }
    }

    /** Ids and tokens the generated requests use, so that they reach the service's checks. */
    record Fixture(Map<String, String> tokens, String organisation, String approvedProgramme, String draftProgramme,
            String draft, String release, String webhook, String period) {
    }

    @Test
    void everyWriteOperationRefusesHostileInputWithAProblemAndChangesNothing() throws Exception {
        ContractModel contract = ContractModel.load();
        List<Operation> writes = contract.writeOperations();
        assertFalse(writes.isEmpty());
        Fixture fixture = fixture();
        OpenApiInteractionValidator validator = OpenApiInteractionValidator
                .createForSpecificationUrl(Api.CONTRACT.toUri().toString())
                .withLevelResolver(LevelResolver.create().withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .build())
                .build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<String> failures = new ArrayList<>();
        Map<String, Map<String, Integer>> statuses = new LinkedHashMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        int total = 0;
        String fingerprint = fingerprint();
        System.out.printf("HostileInputTest: seed %d, %d cases for each of %d write operations%n", SEED, CASES,
                writes.size());
        for (Operation operation : writes) {
            Generator generator = new Generator(contract, operation, fixture);
            // One seed per operation (derived from the run's), so adding an operation leaves the others' cases as
            // they were.
            net.jqwik.engine.SourceOfRandomness.create(Long.toString(SEED ^ operation.key().hashCode()));
            List<Case> cases = generator.cases().sampleStream().limit(CASES).toList();
            Map<String, Integer> byStatus = statuses.computeIfAbsent(operation.key(), k -> new TreeMap<>());
            for (Case hostile : cases) {
                total++;
                kinds.merge(hostile.kind().replaceAll(":.*", ""), 1, Integer::sum);
                Case sent = withCurrentETag(hostile, operation, fixture);
                Answer response;
                try {
                    response = send(client, sent);
                } catch (java.io.IOException e) {
                    // An oversized body may be cut off by the server answering 413 before reading it all.
                    if (sent.expectedStatus() != null && sent.expectedStatus() == 413) {
                        byStatus.merge("413 (closed)", 1, Integer::sum);
                        continue;
                    }
                    failures.add("no answer (" + e + "): " + sent.describe());
                    continue;
                }
                int status = response.statusCode();
                byStatus.merge(Integer.toString(status), 1, Integer::sum);
                String after = fingerprint();
                List<String> problems = check(sent, response, operation, validator);
                if (status >= 400 && !after.equals(fingerprint)) {
                    problems.add("the database changed although the request was refused");
                }
                if (!problems.isEmpty()) {
                    failures.add(String.join("; ", problems) + "\n    request: " + sent.describe()
                            + "\n    answer: " + status + " " + response.header("Content-Type") + " "
                            + new String(response.body(), 0, Math.min(400, response.body().length),
                                    StandardCharsets.UTF_8));
                }
                fingerprint = after;
            }
        }
        System.out.printf("HostileInputTest: %d cases generated (seed %d); answers by operation:%n", total, SEED);
        statuses.forEach((operation, counts) -> System.out.printf("  %-58s %4d  %s%n", operation,
                counts.values().stream().mapToInt(Integer::intValue).sum(), counts));
        System.out.println("HostileInputTest: cases by kind of hostility: " + kinds);
        // Every failure in full in a file; a summary (by operation, kind and problem) on the console.
        java.nio.file.Files.write(java.nio.file.Path.of("target", "hostile-input-failures.txt"), failures);
        Map<String, Integer> summary = new TreeMap<>();
        failures.forEach(f -> summary.merge(f.substring(0, f.indexOf('\n')).replaceAll("'.*", "") + "  <-  "
                + f.replaceAll("(?s).*request: (\\S+ \\S+) \\[([^\\]:]*).*", "$1 [$2]"), 1, Integer::sum));
        summary.forEach((failure, count) -> System.out.printf("FAILED %3dx %s%n", count, failure));
        failures.stream().limit(5).forEach(f -> System.out.println("FAILED: " + f));
        assertEquals(0, failures.size(), failures.size() + " of " + total + " hostile requests were mishandled (seed "
                + SEED + "); the first: " + failures.stream().findFirst().orElse(""));
    }

    /** What must hold for every answer: not 5xx; a refusal is a problem document that matches the contract. */
    private static List<String> check(Case sent, Answer response, Operation operation,
            OpenApiInteractionValidator validator) {
        List<String> problems = new ArrayList<>();
        int status = response.statusCode();
        if (status >= 500) {
            problems.add("answered " + status);
        }
        if (sent.expectedStatus() != null && status != sent.expectedStatus()) {
            problems.add("expected " + sent.expectedStatus() + " but got " + status);
        }
        String contentType = response.header("Content-Type");
        if (sent.unparseablePath()) {
            if (status != 400) {
                problems.add("a path that is not a URI answered " + status + " instead of 400");
            }
        } else if (status >= 400) {
            if (!contentType.startsWith("application/problem+json")) {
                problems.add("a refusal that is not application/problem+json: '" + contentType + "'");
            } else {
                try {
                    JsonNode problem = JSON.readTree(response.body());
                    if (problem.path("status").asInt() != status
                            || !problem.path("type").asText().startsWith("tag:vru.london.gov.uk,2022:problem/")) {
                        problems.add("a problem document whose status or type is wrong");
                    }
                } catch (java.io.IOException e) {
                    problems.add("a problem document that is not JSON");
                }
            }
        }
        if (!sent.pathChanged()) {
            SimpleResponse.Builder answer = SimpleResponse.Builder.status(status).withBody(response.body());
            response.headers().forEach((name, values) -> answer.withHeader(name, values));
            ValidationReport report = validator.validateResponse(sent.path().replaceAll("\\?.*", ""),
                    Request.Method.valueOf(sent.method()), answer.build());
            report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                    .forEach(m -> problems.add("contract: " + m.getKey() + ": " + m.getMessage()));
        }
        return problems;
    }

    /** An answer: status, headers (names in lower case) and body. */
    record Answer(int statusCode, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? "" : values.get(0);
        }
    }

    /**
     * Sends a case with the JDK's client; a path that {@link URI} refuses (a bare or broken percent escape) goes
     * over a plain socket instead, exactly as written.
     */
    private static Answer send(HttpClient client, Case c) throws java.io.IOException, InterruptedException {
        HttpRequest request;
        try {
            request = request(c);
        } catch (IllegalArgumentException notAUri) {
            return sendRaw(c);
        }
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                values));
        return new Answer(response.statusCode(), headers, response.body());
    }

    private static Answer sendRaw(Case c) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder(c.method() + " " + c.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n");
            c.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            byte[] body = c.body() == null ? new byte[0] : c.body();
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            byte[] all = socket.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, List<String>> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
                        k -> new ArrayList<>()).add(lines[i].substring(colon + 1).strip());
            }
            byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
            if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
                rest = dechunk(rest);
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, rest);
        }
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = at;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0]
                    .strip(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static HttpRequest request(Case c) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + c.path()))
                .timeout(Duration.ofSeconds(60));
        c.headers().forEach(builder::header);
        HttpRequest.BodyPublisher body;
        if (c.body() == null) {
            body = HttpRequest.BodyPublishers.noBody();
        } else if (c.chunked()) {
            // A stream of unknown length: sent chunked, without Content-Length.
            body = HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(c.body()));
        } else {
            body = HttpRequest.BodyPublishers.ofByteArray(c.body());
        }
        return builder.method(c.method(), body).build();
    }

    /** Fills in the current ETag when the case sends the If-Match it was given by the fixture. */
    private static Case withCurrentETag(Case c, Operation operation, Fixture fixture) {
        if (!"<current>".equals(c.headers().get("If-Match"))) {
            return c;
        }
        String resource = c.path().replaceAll("^(/api/v1/(?:framework/drafts|organisations|programmes)/[^/?]+).*$",
                "$1");
        String etag = c.pathChanged() ? null : RestAssured.given()
                .auth().oauth2(c.headers().getOrDefault("Authorization", "").replace("Bearer ", ""))
                .get(resource).header("ETag");
        Map<String, String> headers = new LinkedHashMap<>(c.headers());
        headers.put("If-Match", etag == null ? "\"0\"" : etag);
        return new Case(c.operation(), c.kind(), c.method(), c.path(), c.pathChanged(), headers, c.body(), c.chunked(),
                c.expectedStatus());
    }

    /**
     * A cheap fingerprint of everything the API writes: a checksum of each table, except those that legitimately
     * change on their own or on a refusal (migrations' bookkeeping, Idempotency-Key records, webhook deliveries and
     * the dispatcher's leases on subscriptions, of which only what a client sets is compared).
     */
    private String fingerprint() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // InnoDB counts every row it inserts, updates or deletes: while those counters stand still, nothing can
            // have changed, and the checksums (which read every table) are not needed.
            StringBuilder counters = new StringBuilder();
            try (ResultSet rows = statement.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN "
                    + "('Innodb_rows_inserted', 'Innodb_rows_updated', 'Innodb_rows_deleted')")) {
                while (rows.next()) {
                    counters.append(rows.getString(2)).append('/');
                }
            }
            if (counters.toString().equals(lastCounters) && lastFingerprint != null) {
                return lastFingerprint;
            }
            lastCounters = counters.toString();
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables WHERE "
                    + "table_schema = DATABASE() AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'DATABASECHANGELOG%'"
                    + " AND table_name NOT IN ('idempotency_record', 'webhook_delivery', 'webhook_subscription') "
                    + "ORDER BY table_name")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            StringBuilder fingerprint = new StringBuilder();
            try (ResultSet rows = statement.executeQuery("CHECKSUM TABLE " + String.join(", ", tables))) {
                while (rows.next()) {
                    fingerprint.append(rows.getString(1)).append('=').append(rows.getString(2)).append(' ');
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*), COALESCE(SUM(CRC32(CONCAT_WS('|', id, url, "
                    + "description, active, secret))), 0) FROM webhook_subscription")) {
                rows.next();
                fingerprint.append("webhook_subscription=").append(rows.getString(1)).append('/').append(rows.getString(2));
            }
            lastFingerprint = fingerprint.toString();
            return lastFingerprint;
        }
    }

    /** Real objects for every path parameter, made through the API (and two throwaway releases, in-process). */
    private Fixture fixture() {
        String organisation = Organisations.createPartner();
        String partner = Tokens.partner(organisation);
        String approved = Programmes.approved(organisation);
        String period = "2025-26-Q1";
        api().auth().oauth2(partner).contentType("application/json")
                .body(Map.of("measurements", List.of(Map.of("outcome", "PO-I01", "measure", "M-WEMWBS", "value", 50,
                        "participants", 10)))).put("/api/v1/programmes/" + approved + "/submissions/" + period)
                .then().statusCode(201);
        String draftProgramme = api().auth().oauth2(partner).contentType("application/json")
                .body(Programmes.registration("Hostile input " + UUID.randomUUID(),
                        List.of(Programmes.outcome("RH-I01", "M-POLICE-RECORDED-GBH", 10))))
                .post("/api/v1/programmes").then().statusCode(201).extract().path("id");
        // Throwaway releases below 1.0.0: deprecating or withdrawing one harms nothing, and a draft based on one can
        // never be published (it is not based on the latest release), whatever a generated request says.
        int minor = ThreadLocalRandom.current().nextInt(1, 1_000_000);
        String release = "0." + minor + ".0";
        loader.load(minimalDocument(release), ReleaseStatus.PUBLISHED);
        String editor = Tokens.role("framework-editor");
        String draft = api().auth().oauth2(editor).contentType("application/json")
                .body(Map.of("basedOn", release, "title", "Hostile input")).post("/api/v1/framework/drafts").then()
                .statusCode(201).extract().path("id");
        String webhook = api().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body(Map.of("url", "http://127.0.0.1:9/hostile-input")).post("/api/v1/webhooks").then()
                .statusCode(201).extract().path("id");
        Map<String, String> tokens = Map.of("admin", Tokens.admin(), "framework-editor", editor, "partner", partner,
                "commissioner", Tokens.role("commissioner"),
                "other-partner", Tokens.partner(Organisations.createPartner()));
        return new Fixture(tokens, organisation, approved, draftProgramme, draft, release, webhook, period);
    }

    static uk.gov.london.vru.framework.ReleaseDocument minimalDocument(String version) {
        var outcome = new uk.gov.london.vru.framework.ReleaseDocument.ProgrammeOutcome("ZA-I01", "Test outcome", null,
                null, null);
        var hlo = new uk.gov.london.vru.framework.ReleaseDocument.HighLevelOutcome("ZA-H01",
                uk.gov.london.vru.framework.ReleaseDocument.Level.INDIVIDUAL, "Test HLO", "Definition", null,
                List.of(outcome), null);
        var area = new uk.gov.london.vru.framework.ReleaseDocument.PriorityArea("ZA", 1, "Test area", null,
                "Objective", null, null, List.of(hlo), null, null);
        return new uk.gov.london.vru.framework.ReleaseDocument(version, "Hostile input " + version, null,
                java.time.LocalDate.of(2026, 1, 1), null, null, null,
                List.of(new uk.gov.london.vru.framework.ReleaseDocument.ImpactGoal("IG1", "Goal", null, null)),
                List.of(area), null, null, null, null);
    }

    /** The cases of one operation: its sound request from the contract's example, broken in generated ways. */
    static final class Generator {

        private final ContractModel contract;
        private final Operation operation;
        private final Fixture fixture;
        private final ContractModel.Body body;
        private final JsonNode example;
        private final String role;

        Generator(ContractModel contract, Operation operation, Fixture fixture) {
            this.contract = contract;
            this.operation = operation;
            this.fixture = fixture;
            this.body = operation.bodies().isEmpty() ? null : operation.bodies().get(0);
            JsonNode sound = body == null || body.examples().isEmpty() ? null : substitute(body.examples().get(0));
            // An administrator registering a programme names its organisation.
            if (sound instanceof ObjectNode object && contract.properties(body.schema()).containsKey("organisation")) {
                object.put("organisation", fixture.organisation());
            }
            this.example = sound;
            this.role = operation.path().startsWith("/api/v1/framework/") ? "framework-editor" : "admin";
        }

        /** The example with the fixture's objects in place of the example's ids. */
        private JsonNode substitute(JsonNode node) {
            JsonNode copy = node.deepCopy();
            if (copy.isTextual() && UUID_TEXT.matcher(copy.asText()).find() && !copy.asText().contains("\n")) {
                return NODES.textNode(fixture.approvedProgramme());
            }
            if (copy.isTextual()) {
                return NODES.textNode(UUID_TEXT.matcher(copy.asText()).replaceAll(fixture.approvedProgramme()));
            }
            if (copy instanceof ObjectNode object) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                names.forEach(name -> object.set(name, substitute(object.get(name))));
                if (object.has("organisation")) {
                    object.put("organisation", fixture.organisation());
                }
            } else if (copy instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    array.set(i, substitute(array.get(i)));
                }
            }
            return copy;
        }

        Arbitrary<Case> cases() {
            List<Tuple.Tuple2<Integer, Arbitrary<Case>>> kinds = new ArrayList<>();
            boolean json = body != null && body.mediaType().contains("json") && example != null
                    && (example.isObject() || example.isArray());
            if (json) {
                kinds.add(Tuple.of(34, treeMutations().map(m -> build("tree:" + m.name(), m.apply(example)))));
                kinds.add(Tuple.of(8, Arbitraries.integers().between(2, 4).flatMap(n -> treeMutations().list()
                        .ofSize(n)).map(list -> {
                            JsonNode tree = example;
                            StringBuilder names = new StringBuilder("tree:combined");
                            for (Mutation m : list) {
                                tree = m.apply(tree);
                                names.append('+').append(m.name());
                            }
                            return build(names.toString(), tree);
                        })));
            }
            kinds.add(Tuple.of(json ? 14 : 30, rawBodies()));
            kinds.add(Tuple.of(8, contentTypes()));
            kinds.add(Tuple.of(5, oversized()));
            if (operation.path().contains("{")) {
                kinds.add(Tuple.of(12, pathSegments()));
            }
            kinds.add(Tuple.of(8, headerChanges()));
            kinds.add(Tuple.of(5, callers()));
            if (body != null && body.mediaType().equals("text/csv") || operation.bodies().stream()
                    .anyMatch(b -> b.mediaType().equals("text/csv"))) {
                kinds.add(Tuple.of(20, csvBodies()));
            }
            if (operation.parameters().stream().anyMatch(p -> p.in().equals("query"))) {
                kinds.add(Tuple.of(6, queries()));
            }
            return Arbitraries.frequencyOf(kinds.toArray(Tuple.Tuple2[]::new));
        }

        // --- Requests --------------------------------------------------------------------------------------------

        String path() {
            String path = operation.path();
            for (ContractModel.Parameter parameter : operation.parameters()) {
                if (parameter.in().equals("path")) {
                    path = path.replace("{" + parameter.name() + "}", value(parameter.name()));
                }
            }
            return path;
        }

        private String value(String name) {
            String path = operation.path();
            return switch (name) {
                case "version" -> fixture.release();
                case "period" -> fixture.period();
                case "id" -> path.startsWith("/api/v1/organisations") ? fixture.organisation()
                        : path.startsWith("/api/v1/framework/drafts") ? fixture.draft()
                        : path.startsWith("/api/v1/webhooks") ? fixture.webhook()
                        : path.contains("/submissions/") ? fixture.approvedProgramme()
                        : fixture.draftProgramme();
                default -> operation.parameters().stream().filter(p -> p.name().equals(name))
                        .map(p -> p.example() == null ? "x" : p.example().asText()).findFirst().orElse("x");
            };
        }

        Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", "Bearer " + fixture.tokens().get(role));
            if (body != null) {
                headers.put("Content-Type", body.mediaType());
            }
            if (operation.hasParameter("If-Match", "header")) {
                headers.put("If-Match", "<current>");
            }
            return headers;
        }

        Case build(String kind, JsonNode tree) {
            return build(kind, bytes(tree));
        }

        Case build(String kind, byte[] bytes) {
            return new Case(operation.key(), kind, operation.method().toUpperCase(), path(), false, headers(), bytes,
                    false, null);
        }

        Case build(String kind, String path, boolean pathChanged, Map<String, String> headers, byte[] bytes,
                boolean chunked, Integer expected) {
            return new Case(operation.key(), kind, operation.method().toUpperCase(), path, pathChanged, headers, bytes,
                    chunked, expected);
        }

        byte[] soundBody() {
            if (body == null) {
                return null;
            }
            if (example == null) {
                return new byte[0];
            }
            return example.isTextual() ? example.asText().getBytes(StandardCharsets.UTF_8) : bytes(example);
        }

        // --- Mutations of the JSON tree, guided by the schema ----------------------------------------------------

        /** A change to a JSON body, named for the statistics. */
        record Mutation(String name, Function<JsonNode, JsonNode> change) {
            JsonNode apply(JsonNode tree) {
                return change.apply(tree.deepCopy());
            }
        }

        /** A place in the body: a JSON pointer and the schema of what is there. */
        record Slot(String pointer, JsonNode schema, boolean present) {
        }

        List<Slot> slots() {
            List<Slot> slots = new ArrayList<>();
            collect("", example, body.schema(), slots);
            return slots;
        }

        private void collect(String pointer, JsonNode value, JsonNode schema, List<Slot> slots) {
            JsonNode resolved = contract.resolve(schema);
            String type = contract.type(resolved);
            if ("object".equals(type)) {
                for (Map.Entry<String, JsonNode> property : contract.properties(resolved).entrySet()) {
                    String at = pointer + "/" + property.getKey();
                    JsonNode child = value == null ? null : value.get(property.getKey());
                    slots.add(new Slot(at, property.getValue(), child != null));
                    if (child != null) {
                        collect(at, child, property.getValue(), slots);
                    }
                }
            } else if ("array".equals(type) && value != null && value.isArray() && !value.isEmpty()) {
                JsonNode items = resolved.path("items");
                slots.add(new Slot(pointer + "/0", items, true));
                collect(pointer + "/0", value.get(0), items, slots);
            }
        }

        Arbitrary<Mutation> treeMutations() {
            List<Slot> slots = slots();
            if (slots.isEmpty()) {
                return Arbitraries.of(new Mutation("whole-body", tree -> NODES.textNode("not an object")));
            }
            return Arbitraries.of(slots).flatMap(slot -> Arbitraries.frequencyOf(
                    Tuple.of(3, Arbitraries.just(new Mutation("missing", tree -> remove(tree, slot.pointer())))),
                    Tuple.of(4, wrongTypes(slot)),
                    Tuple.of(6, boundaries(slot)),
                    Tuple.of(3, extraProperties(slot)),
                    Tuple.of(2, Arbitraries.just(new Mutation("null", tree -> set(tree, slot.pointer(),
                            NODES.nullNode()))))));
        }

        private Arbitrary<Mutation> wrongTypes(Slot slot) {
            String type = contract.type(slot.schema());
            List<JsonNode> values = new ArrayList<>(List.of(NODES.textNode("text"), NODES.numberNode(42),
                    NODES.numberNode(-7.5), NODES.booleanNode(true), NODES.arrayNode().add("a"),
                    NODES.objectNode().put("nested", "object")));
            values.removeIf(v -> switch (type) {
                case "string" -> v.isTextual();
                case "integer" -> v.isIntegralNumber();
                case "number" -> v.isNumber();
                case "boolean" -> v.isBoolean();
                case "array" -> v.isArray();
                case "object" -> v.isObject();
                default -> false;
            });
            return Arbitraries.of(values).map(v -> new Mutation("wrong-type", tree -> set(tree, slot.pointer(), v)));
        }

        private Arbitrary<Mutation> boundaries(Slot slot) {
            JsonNode schema = contract.resolve(slot.schema());
            String type = contract.type(schema);
            List<Tuple.Tuple2<String, Object>> values = new ArrayList<>();
            switch (type) {
                case "string" -> {
                    int max = schema.path("maxLength").asInt(300);
                    values.add(Tuple.of("too-long", "x".repeat(max + 1)));
                    values.add(Tuple.of("very-long", "y".repeat(200_000)));
                    values.add(Tuple.of("empty", ""));
                    values.add(Tuple.of("blank", "   \t "));
                    values.add(Tuple.of("unicode", "\u202Eevil\u0000\uD83D\uDE00e\u0301\u200B"));
                    values.add(Tuple.of("lone-surrogate", RawLiteral.of("\"\\ud800x\"")));
                    values.add(Tuple.of("traversal", "../../../../etc/passwd"));
                    values.add(Tuple.of("sql", "' OR '1'='1'; DROP TABLE programme; --"));
                    values.add(Tuple.of("formula", "=HYPERLINK(\"http://evil.example\",\"x\")"));
                    values.add(Tuple.of("markup", "<script>alert(1)</script>"));
                    values.add(Tuple.of("number-like", "1e999999999"));
                    values.add(Tuple.of("nan-text", "NaN"));
                    if (schema.has("enum")) {
                        values.add(Tuple.of("not-in-enum", schema.get("enum").get(0).asText().toUpperCase() + "X"));
                    }
                    if ("date".equals(schema.path("format").asText())) {
                        for (String date : List.of("0000-01-01", "9999-12-31", "+999999999-12-31", "-000001-01-01",
                                "2025-02-30", "2025-13-01", "2025-1-1", "1000-01-01", "2025-04-01T00:00:00Z")) {
                            values.add(Tuple.of("date", date));
                        }
                    }
                    if ("uri".equals(schema.path("format").asText()) || slot.pointer().endsWith("url")) {
                        for (String uri : List.of("javascript:alert(1)", "file:///etc/passwd",
                                "http://169.254.169.254/latest", "http://127.0.0.1:9/%2e%2e/%00", "http://[::1",
                                "http://user:pass@127.0.0.1:9/", "//127.0.0.1:9/x")) {
                            values.add(Tuple.of("uri", uri));
                        }
                    }
                }
                case "integer", "number" -> {
                    values.add(Tuple.of("negative", -1));
                    values.add(Tuple.of("huge", RawLiteral.of("123456789012345678901234567890")));
                    values.add(Tuple.of("huge-exponent", RawLiteral.of("1e999999999")));
                    values.add(Tuple.of("tiny-exponent", RawLiteral.of("1e-999999999")));
                    values.add(Tuple.of("negative-huge", RawLiteral.of("-1e999999999")));
                    values.add(Tuple.of("precise", RawLiteral.of("0.1000000000000000000000000000000000000001")));
                    values.add(Tuple.of("int-overflow", RawLiteral.of("2147483648")));
                    values.add(Tuple.of("long-overflow", RawLiteral.of("9223372036854775808")));
                    values.add(Tuple.of("max-double", 1.7976931348623157e308));
                    values.add(Tuple.of("negative-zero", RawLiteral.of("-0.0")));
                    values.add(Tuple.of("fraction", 2.5));
                    values.add(Tuple.of("nan", RawLiteral.of("NaN")));
                    values.add(Tuple.of("infinity", RawLiteral.of("-Infinity")));
                    if (schema.has("minimum")) {
                        values.add(Tuple.of("below-minimum", schema.get("minimum").decimalValue()
                                .subtract(java.math.BigDecimal.ONE)));
                    }
                    if (schema.has("maximum")) {
                        values.add(Tuple.of("above-maximum", schema.get("maximum").decimalValue()
                                .add(java.math.BigDecimal.ONE)));
                    }
                }
                case "array" -> {
                    values.add(Tuple.of("empty-array", NODES.arrayNode()));
                    values.add(Tuple.of("null-item", NODES.arrayNode().addNull()));
                    values.add(Tuple.of("nested-arrays", NODES.arrayNode().add(NODES.arrayNode().add(
                            NODES.arrayNode()))));
                    int max = schema.path("maxItems").asInt(1000);
                    values.add(Tuple.of("too-many-items", (Function<JsonNode, JsonNode>) current -> {
                        ArrayNode many = NODES.arrayNode();
                        JsonNode item = current != null && current.isArray() && !current.isEmpty() ? current.get(0)
                                : NODES.textNode("x");
                        for (int i = 0; i <= Math.min(max, 5000); i++) {
                            many.add(item);
                        }
                        return many;
                    }));
                }
                case "object" -> {
                    values.add(Tuple.of("empty-object", NODES.objectNode()));
                    values.add(Tuple.of("deep-nesting", RawLiteral.of("[".repeat(5000) + "]".repeat(5000))));
                }
                default -> values.add(Tuple.of("deep-nesting", RawLiteral.of("{\"a\":".repeat(3000) + "1"
                        + "}".repeat(3000))));
            }
            return Arbitraries.of(values).map(v -> new Mutation(v.get1(), tree -> {
                Object value = v.get2();
                if (value instanceof Function<?, ?> function) {
                    @SuppressWarnings("unchecked")
                    Function<JsonNode, JsonNode> make = (Function<JsonNode, JsonNode>) function;
                    return set(tree, slot.pointer(), make.apply(at(tree, slot.pointer())));
                }
                return set(tree, slot.pointer(), value instanceof JsonNode node ? node
                        : value instanceof RawLiteral raw ? NODES.textNode(RAW + raw.text() + RAW)
                        : JSON.valueToTree(value));
            }));
        }

        private Arbitrary<Mutation> extraProperties(Slot slot) {
            List<String> names = new ArrayList<>(List.of("id", "version", "status", "createdAt", "updatedAt", "href",
                    "revision", "secret", "organisation", "__proto__", "constructor", "$where", ""));
            names.addAll(contract.allPropertyNames());
            String parent = slot.pointer().substring(0, slot.pointer().lastIndexOf('/'));
            return Arbitraries.of(names).map(name -> new Mutation("extra-property", tree -> {
                JsonNode target = parent.isEmpty() ? tree : at(tree, parent);
                if (target instanceof ObjectNode object && !object.has(name)) {
                    object.put(name, "injected");
                } else if (target instanceof ObjectNode object) {
                    object.put(name + "Extra", "injected");
                }
                return tree;
            }));
        }

        // --- Whole bodies, content types, sizes, paths, headers, callers -----------------------------------------

        Arbitrary<Case> rawBodies() {
            byte[] sound = soundBody() == null ? "{}".getBytes(StandardCharsets.UTF_8) : soundBody();
            String text = new String(sound, StandardCharsets.UTF_8);
            List<Tuple.Tuple2<String, byte[]>> bodies = new ArrayList<>();
            for (String raw : List.of("", "null", "[]", "{}", "\"text\"", "0", "-1", "true", "{", "}", "[{]",
                    "{\"a\":1}{\"b\":2}", "{} trailing", "{\"a\":NaN}", "NaN", "Infinity", "{'single':'quotes'}",
                    "/* comment */ {}", "{\"dup\":1,\"dup\":2}", "\u0000\u0000", "\uFEFF" + text,
                    text + text, text.replace("\"", "'"), "[" + text + "]", "1e999999999", "-1e-999999999")) {
                bodies.add(Tuple.of("raw", raw.getBytes(StandardCharsets.UTF_8)));
            }
            for (int cut : new int[] { 1, 2, 3, 5, 8 }) {
                bodies.add(Tuple.of("truncated", java.util.Arrays.copyOf(sound, Math.max(0, sound.length * cut / 9))));
            }
            bodies.add(Tuple.of("deep-nesting", ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8)));
            bodies.add(Tuple.of("deep-nesting", ("{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000))
                    .getBytes(StandardCharsets.UTF_8)));
            for (byte[] invalid : new byte[][] { { (byte) 0xC3, 0x28 }, { (byte) 0xFF, (byte) 0xFE },
                    { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xC0, (byte) 0xAF },
                    { (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 }, { (byte) 0x80 } }) {
                bodies.add(Tuple.of("invalid-utf8", injectIntoFirstString(sound, invalid)));
                bodies.add(Tuple.of("invalid-utf8", invalid));
            }
            bodies.add(Tuple.of("utf16", text.getBytes(StandardCharsets.UTF_16)));
            bodies.add(Tuple.of("binary", new byte[] { 0, 1, 2, 3, (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10 }));
            return Arbitraries.of(bodies).map(b -> build(b.get1(), b.get2()));
        }

        Arbitrary<Case> contentTypes() {
            return Arbitraries.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "application/json; charset=UTF-16", "application/json; charset=latin1",
                    "application/json;;;", "*/*", "application/*", "text/csv", "application/problem+json",
                    "application/octet-stream", "json", "application/" + "x".repeat(2000), "", "<none>")
                    .map(type -> {
                        Map<String, String> headers = headers();
                        if (type.equals("<none>")) {
                            headers.remove("Content-Type");
                        } else {
                            headers.put("Content-Type", type);
                        }
                        byte[] sound = soundBody();
                        return build("content-type:" + type, path(), false, headers,
                                sound == null ? "{}".getBytes(StandardCharsets.UTF_8) : sound, false, null);
                    });
        }

        Arbitrary<Case> oversized() {
            return Arbitraries.of(BODY_LIMIT + 1, BODY_LIMIT + 4096, 3 * BODY_LIMIT).flatMap(size -> Arbitraries.of(
                    true, false).map(chunked -> {
                        boolean imports = operation.path().startsWith("/api/v1/submissions/imports");
                        // A sound body padded with spaces: only its size is wrong.
                        byte[] sound = soundBody() == null ? "{}".getBytes(StandardCharsets.UTF_8) : soundBody();
                        byte[] padded = java.util.Arrays.copyOf(sound, Math.max(size, sound.length));
                        java.util.Arrays.fill(padded, sound.length, padded.length, (byte) ' ');
                        // Imports take up to 64 MiB: a body over the 1 MiB limit is fine there. An operation that
                        // takes no body ignores one sent without a length (it is never read); one that states its
                        // length is refused before anything else.
                        Integer expected = imports || (chunked && body == null) ? null : 413;
                        return build("oversized:" + (chunked ? "chunked" : "length"), path(), false, headers(), padded,
                                chunked, expected);
                    }));
        }

        Arbitrary<Case> pathSegments() {
            List<String> segments = List.of("..", "%2e%2e", "..%2f..%2fetc%2fpasswd", "%2F", "a%2Fb", "%00", "%",
                    "%ZZ", "%C3%28", "%ED%A0%80", "x".repeat(3000), "a;b=c", "%20", "'%20OR%201=1--", "%7Bid%7D", "-1",
                    "0", "99999999999999999999999999", "..%5c..%5cwindows", "%252e%252e", "caf%C3%A9", ".", "~",
                    "%3Cscript%3E");
            List<String> names = operation.parameters().stream().filter(p -> p.in().equals("path"))
                    .map(ContractModel.Parameter::name).toList();
            return Arbitraries.of(names).flatMap(name -> Arbitraries.of(segments).map(segment -> {
                String path = operation.path();
                for (ContractModel.Parameter parameter : operation.parameters()) {
                    if (parameter.in().equals("path")) {
                        path = path.replace("{" + parameter.name() + "}", parameter.name().equals(name) ? segment
                                : value(parameter.name()));
                    }
                }
                return build("path:" + name, path, true, headers(), soundBody(), false, null);
            }));
        }

        Arbitrary<Case> headerChanges() {
            List<Tuple.Tuple2<String, String>> changes = new ArrayList<>();
            if (operation.hasParameter("If-Match", "header")) {
                for (String value : List.of("*", "\"-1\"", "\"99999999999999999999\"", "W/\"0\"", "garbage", "\"\"",
                        "\"0\", \"1\"", "x".repeat(10_000), "<none>")) {
                    changes.add(Tuple.of("If-Match", value));
                }
            }
            for (String value : List.of("", " ", "x".repeat(300), "key with spaces", "\u00e9\u00e8", "<none>")) {
                changes.add(Tuple.of("Idempotency-Key", value));
            }
            for (String value : List.of("application/xml", "text/csv", "image/png", "*/*;q=0", "garbage/")) {
                changes.add(Tuple.of("Accept", value));
            }
            changes.add(Tuple.of("X-Request-Id", "x".repeat(500)));
            changes.add(Tuple.of("X-Request-Id", "../../etc"));
            changes.add(Tuple.of("Content-Encoding", "gzip"));
            return Arbitraries.of(changes).map(change -> {
                Map<String, String> headers = headers();
                if (change.get2().equals("<none>")) {
                    headers.remove(change.get1());
                } else {
                    headers.put(change.get1(), change.get2());
                }
                return build("header:" + change.get1(), path(), false, headers, soundBody(), false, null);
            });
        }

        Arbitrary<Case> callers() {
            return Arbitraries.of("none", "garbage", "other-partner", "partner", "commissioner", "expired-ish")
                    .map(caller -> {
                        Map<String, String> headers = headers();
                        switch (caller) {
                            case "none" -> headers.remove("Authorization");
                            case "garbage" -> headers.put("Authorization", "Bearer " + "x".repeat(100) + ".y.z");
                            case "expired-ish" -> headers.put("Authorization", "Basic YWRtaW46YWRtaW4=");
                            default -> headers.put("Authorization", "Bearer " + fixture.tokens().get(caller));
                        }
                        if ("<current>".equals(headers.get("If-Match"))) {
                            headers.put("If-Match", "\"0\"");
                        }
                        return build("caller:" + caller, path(), false, headers, soundBody(), false, null);
                    });
        }

        Arbitrary<Case> queries() {
            return Arbitraries.of("dryRun=maybe", "dryRun=", "dryRun=TRUE", "dryRun=" + "t".repeat(3000),
                    "dryRun=true&dryRun=false", "dryRun=%00", "unknown=1", "dryRun=1").map(query -> build(
                            "query", path() + "?" + query, false, headers(), soundBody(), false, null));
        }

        /** CSV bodies for operations that take text/csv: broken rows, cells and structure. */
        Arbitrary<Case> csvBodies() {
            String header = "programme,period,kind,outcome,measure,statistic,value,participants,baseline,comment,"
                    + "outputType,count\n";
            String p = fixture.approvedProgramme();
            List<String> rows = List.of(
                    p + ",2025-26-Q2,measurement,PO-I01,M-WEMWBS,,1e999999999,30,,,,",
                    p + ",2025-26-Q2,measurement,PO-I01,M-WEMWBS,,1e-999999999,30,,,,",
                    p + ",2025-26-Q2,measurement,RH-I01,M-POLICE-RECORDED-GBH,,1e-999999999,30,,,,",
                    p + ",2025-26-Q2,measurement,RH-I01,M-POLICE-RECORDED-GBH,,0.00000000000000000001,30,,,,",
                    p + ",2025-26-Q2,measurement,PO-I01,M-WEMWBS,,NaN,30,,,,",
                    p + ",2025-26-Q2,measurement,PO-I01,M-WEMWBS,,-Infinity,30,,,,",
                    p + ",2025-26-Q2,measurement,PO-I01,M-WEMWBS,,50,1e30,,,,",
                    p + ",2025-26-Q2,measurement,PO-I01,M-WEMWBS,,50,99999999999999999999,,,,",
                    p + ",2025-26-Q2,measurement,PO-I01,M-WEMWBS,,50,2147483648,,,,",
                    p + ",2025-26-Q2,measurement,PO-I01,M-WEMWBS,,50,-0,1e-999999999,,,",
                    p + ",2025-26-Q2,output,,,,,,,,OT-TRAININGS,1e30",
                    p + ",2025-26-Q2,output,,,,,,,,OT-TRAININGS,9223372036854775808",
                    p + ",2025-26-Q2,output,,,,,,,,OT-TRAININGS,1e-999999999",
                    p + ",2025-26-Q2,output,,,,,,,,OT-TRAININGS,0.5",
                    p + ",2025-26-Q2,measurement,PO-I01,M-WEMWBS,mean,50,30,45,=HYPERLINK(\"http://evil\"),,",
                    p + ",2025-26-Q2,measurement,PO-I01,M-WEMWBS,\"unclosed,50,30,,,,",
                    p + ",2025-26-Q2,measurement,PO-I01,M-WEMWBS,,50,30,,,,,,,,,,,,extra",
                    p + ",2025-26-Q99,measurement,PO-I01,M-WEMWBS,,50,30,,,,",
                    "../../etc/passwd,2025-26-Q2,measurement,PO-I01,M-WEMWBS,,50,30,,,,",
                    p + ",2025-26-Q2,measurement," + "X".repeat(100_000) + ",M-WEMWBS,,50,30,,,,",
                    p + ",2025-26-Q2,sideways,PO-I01,M-WEMWBS,,50,30,,,,");
            List<String> whole = List.of("", "\n", header, "programme\n" + p, "a,b,c\n1,2,3\n",
                    header.replace("count", "count,evil") + p + ",2025-26-Q2,output,,,,,,,,OT-TRAININGS,1,2\n",
                    "\uFEFF" + header + p + ",2025-26-Q2,output,,,,,,,,OT-TRAININGS,1\n",
                    header + ("," .repeat(20_000)) + "\n", header.replace(",", ";") + p + ";2025-26-Q2;output\n");
            Arbitrary<String> broken = Arbitraries.oneOf(Arbitraries.of(rows).list().ofMinSize(1).ofMaxSize(3)
                    .map(list -> header + String.join("\n", list) + "\n"), Arbitraries.of(whole));
            return broken.map(csv -> {
                Map<String, String> headers = headers();
                headers.put("Content-Type", "text/csv");
                return build("csv", path(), false, headers, csv.getBytes(StandardCharsets.UTF_8), false, null);
            });
        }

        // --- Helpers ---------------------------------------------------------------------------------------------

        private static byte[] injectIntoFirstString(byte[] sound, byte[] raw) {
            String text = new String(sound, StandardCharsets.UTF_8);
            int at = text.indexOf(":\"");
            if (at < 0) {
                return raw;
            }
            byte[] before = text.substring(0, at + 2).getBytes(StandardCharsets.UTF_8);
            byte[] after = text.substring(at + 2).getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(before);
            out.writeBytes(raw);
            out.writeBytes(after);
            return out.toByteArray();
        }

        private static byte[] bytes(JsonNode tree) {
            try {
                String text = JSON.writeValueAsString(tree);
                // Raw literals (NaN, 1e999999999, deep nesting) replace the JSON strings that carry them.
                java.util.regex.Matcher raw = Pattern.compile("\"" + Pattern.quote(RAW) + "(.*?)" + Pattern.quote(RAW)
                        + "\"").matcher(text);
                StringBuilder out = new StringBuilder();
                while (raw.find()) {
                    String literal = JSON.readValue("\"" + raw.group(1) + "\"", String.class);
                    raw.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(literal));
                }
                raw.appendTail(out);
                return out.toString().getBytes(StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static JsonNode at(JsonNode tree, String pointer) {
            JsonNode node = tree.at(pointer);
            return node.isMissingNode() ? null : node;
        }

        private static JsonNode set(JsonNode tree, String pointer, JsonNode value) {
            if (pointer.isEmpty()) {
                return value;
            }
            String parent = pointer.substring(0, pointer.lastIndexOf('/'));
            String last = pointer.substring(pointer.lastIndexOf('/') + 1);
            JsonNode container = parent.isEmpty() ? tree : tree.at(parent);
            if (container instanceof ObjectNode object) {
                object.set(last, value);
            } else if (container instanceof ArrayNode array && last.matches("\\d+") && Integer.parseInt(last) < array.size()) {
                array.set(Integer.parseInt(last), value);
            }
            return tree;
        }

        private static JsonNode remove(JsonNode tree, String pointer) {
            String parent = pointer.substring(0, pointer.lastIndexOf('/'));
            String last = pointer.substring(pointer.lastIndexOf('/') + 1);
            JsonNode container = parent.isEmpty() ? tree : tree.at(parent);
            if (container instanceof ObjectNode object) {
                object.remove(last);
            } else if (container instanceof ArrayNode array && last.matches("\\d+") && Integer.parseInt(last) < array.size()) {
                array.remove(Integer.parseInt(last));
            }
            return tree;
        }
    }

    /** JSON text put into a body as it is: a literal Jackson would not write (NaN, 1e999999999, deep nesting). */
    record RawLiteral(String text) {
        static RawLiteral of(String text) {
            return new RawLiteral(text);
        }
    }
}
