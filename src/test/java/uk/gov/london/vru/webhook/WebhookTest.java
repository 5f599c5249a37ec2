package uk.gov.london.vru.webhook;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.gov.london.vru.testsupport.Api.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.gov.london.vru.framework.FrameworkEvent;
import uk.gov.london.vru.framework.FrameworkEvents;
import uk.gov.london.vru.testsupport.Tokens;
import uk.gov.london.vru.testsupport.WebhookReceiver;
import uk.gov.london.vru.testsupport.WebhookReceiver.Received;

/**
 * Webhooks through HTTP: registering (with the target allowlist), signed delivery of change-feed events to a
 * receiver on the loopback interface, retries, removal, and the audit trail.
 */
@QuarkusTest
class WebhookTest {

    /** The shared loopback receiver. */
    static final class Receiver extends WebhookReceiver {
        Receiver(Integer... statuses) throws IOException {
            super(statuses);
        }
    }


    static final String PATH = "/api/v1/webhooks";
    /** Long enough for the dispatcher (polling every 200 ms in tests) to deliver, short enough to fail fast. */
    static final Duration DEADLINE = Duration.ofSeconds(10);
    /** Several poll intervals: how long to watch for a delivery that must not come. */
    static final Duration QUIET = Duration.ofMillis(1000);

    @Inject
    FrameworkEvents events;

    @Inject
    ObjectMapper mapper;

    private final List<Receiver> receivers = new ArrayList<>();
    private final List<String> subscriptions = new ArrayList<>();

    /** Removes this test's subscriptions, so that later events are not attempted at stopped receivers. */
    @AfterEach
    void cleanUp() {
        for (String id : subscriptions) {
            api().auth().oauth2(Tokens.admin()).delete(PATH + "/" + id);
        }
        receivers.forEach(Receiver::close);
    }

    private Receiver receiver(Integer... statuses) throws IOException {
        Receiver receiver = new Receiver(statuses);
        receivers.add(receiver);
        return receiver;
    }

    private JsonPath register(String url) {
        io.restassured.response.Response response = api().auth().oauth2(Tokens.admin())
                .contentType("application/json").body(Map.of("url", url, "description", "test receiver"))
                .post(PATH);
        response.then().statusCode(201);
        JsonPath created = response.jsonPath();
        subscriptions.add(created.getString("id"));
        assertTrue(response.header("Location").endsWith(PATH + "/" + created.getString("id")));
        return created;
    }

    /** Appends a change-feed event for a made-up release, as publishing will, and returns its id. */
    private long appendEvent() {
        String version = "0.0." + ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        return QuarkusTransaction.requiringNew().call(() -> events.append(FrameworkEvent.PUBLISHED,
                new FrameworkEvents.Payload(version, "published", "sha256:" + "ab".repeat(32), null, null,
                        "/api/v1/framework/releases/" + version)).id);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static JsonPath deliveries(String id) {
        return api().auth().oauth2(Tokens.admin()).get(PATH + "/" + id + "/deliveries").then().statusCode(200)
                .extract().jsonPath();
    }

    private static JsonPath audit(String id) {
        return api().auth().oauth2(Tokens.admin()).queryParam("targetType", "webhook").queryParam("targetId", id)
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void targetsOutsideTheAllowlistAreRefused() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "file:///etc/passwd",
                "http://user@127.0.0.1:1/", "http://127.0.0.1:1/hook#fragment", "https://example.org/hook",
                "http://127.0.0.1.attacker.example/", "/relative/path", "not a url")) {
            api().auth().oauth2(Tokens.admin()).contentType("application/json").body(Map.of("url", url))
                    .post(PATH).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("tag:vru.london.gov.uk,2022:problem/validation"))
                    .body("errors.field", equalTo(List.of("url")));
        }
        api().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body(Map.of("url", "http://169.254.169.254/")).post(PATH)
                .then().body("errors[0].code", equalTo("not-allowed"));
        api().auth().oauth2(Tokens.admin()).contentType("application/json").body("{}").post(PATH)
                .then().statusCode(400).body("errors.field", equalTo(List.of("url")));
        api().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body(Map.of("url", "http://127.0.0.1:1/", "secret", "mine")).post(PATH)
                .then().statusCode(400).body("errors[0].code", equalTo("unknown-property"));
    }

    @Test
    void onlyAdminsMayUseWebhooks() {
        for (String token : List.of(Tokens.role("commissioner"), Tokens.role("framework-editor"),
                Tokens.partner(UUID.randomUUID().toString()))) {
            api().auth().oauth2(token).contentType("application/json").body(Map.of("url", "http://127.0.0.1:1/"))
                    .post(PATH).then().statusCode(403).contentType("application/problem+json");
            api().auth().oauth2(token).get(PATH).then().statusCode(403);
        }
        api().contentType("application/json").body(Map.of("url", "http://127.0.0.1:1/")).post(PATH).then()
                .statusCode(401);
    }

    @Test
    void anEventIsDeliveredOnceSignedWithTheSecret() throws Exception {
        Receiver receiver = receiver();
        JsonPath created = register(receiver.url());
        String id = created.getString("id");
        String secret = created.getString("secret");
        assertNotNull(secret);
        assertEquals(43, secret.length());
        assertEquals(receiver.url(), created.getString("url"));
        assertTrue(created.getBoolean("active"));

        // The secret is shown only once.
        api().auth().oauth2(Tokens.admin()).get(PATH + "/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("$", not(org.hamcrest.Matchers.hasKey("secret")));
        api().auth().oauth2(Tokens.admin()).get(PATH).then().statusCode(200).body("items.id", hasItem(id))
                .body("items.secret", not(hasItem(secret)));

        long eventId = appendEvent();
        await("the delivery", () -> !receiver.requests.isEmpty());
        Thread.sleep(QUIET.toMillis()); // nothing more comes
        assertEquals(1, receiver.requests.size());
        Received request = receiver.requests.get(0);
        assertEquals("POST", request.method());
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals("vru-outcomes-api-webhooks", request.header("User-Agent"));
        assertEquals(Long.toString(eventId), request.header("Webhook-Id"));
        long timestamp = Long.parseLong(request.header("Webhook-Timestamp"));
        assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 60);
        assertTrue(WebhookSignature.verify(secret, timestamp, request.body(), request.header("Webhook-Signature")),
                "the signature verifies with the secret");
        assertTrue(WebhookSignature.verify(secret, timestamp, request.body(), request.header("Webhook-Signature"),
                Duration.ofMinutes(5), Instant.now()));
        assertFalse(WebhookSignature.verify("another secret", timestamp, request.body(),
                request.header("Webhook-Signature")));
        assertFalse(WebhookSignature.verify(secret, timestamp + 1, request.body(),
                request.header("Webhook-Signature")));
        JsonNode body = mapper.readTree(request.body());
        assertEquals(eventId, body.get("id").asLong());
        assertEquals("release.published", body.get("type").asText());
        assertTrue(body.get("release").get("version").asText().startsWith("0.0."));

        JsonPath log = deliveries(id);
        assertEquals(List.of("delivered"), log.getList("items.outcome"));
        assertEquals(eventId, log.getLong("items[0].eventId"));
        assertEquals(200, log.getInt("items[0].statusCode"));
        assertEquals(1, log.getInt("items[0].attempt"));
    }

    @Test
    void aFailingReceiverIsRetriedUntilItAccepts() throws Exception {
        Receiver receiver = receiver(500, 500);
        String id = register(receiver.url()).getString("id");
        long eventId = appendEvent();
        await("three attempts", () -> receiver.requests.size() >= 3);
        await("the delivered attempt in the log",
                () -> deliveries(id).getList("items.outcome").contains("delivered"));
        Thread.sleep(QUIET.toMillis());
        assertEquals(3, receiver.requests.size());
        for (Received request : receiver.requests) {
            assertEquals(Long.toString(eventId), request.header("Webhook-Id"));
            assertEquals(receiver.requests.get(0).body(), request.body());
        }
        JsonPath log = deliveries(id);
        assertEquals(List.of("delivered", "failed", "failed"), log.getList("items.outcome"));
        assertEquals(List.of(3, 2, 1), log.getList("items.attempt"));
        assertEquals(List.of(200, 500, 500), log.getList("items.statusCode"));
        assertNotNull(log.get("items[1].nextAttemptAt"));
        assertNotNull(log.get("items[2].error"));
        Instant firstRetryDue = Instant.parse(log.getString("items[2].nextAttemptAt"));
        Instant secondAttempt = Instant.parse(log.getString("items[1].attemptedAt"));
        assertFalse(secondAttempt.isBefore(firstRetryDue), "the retry waited for its backoff");
    }

    @Test
    void aSubscriptionGetsOnlyEventsAfterItWasCreated() throws Exception {
        long older = appendEvent();
        Receiver receiver = receiver();
        register(receiver.url());
        long newer = appendEvent();
        await("the newer event", () -> !receiver.requests.isEmpty());
        Thread.sleep(QUIET.toMillis());
        assertEquals(List.of(Long.toString(newer)),
                receiver.requests.stream().map(r -> r.header("Webhook-Id")).toList(),
                "event " + older + " happened before the subscription");
    }

    @Test
    void deletingStopsDeliveriesAndEveryWriteIsAudited() throws Exception {
        Receiver receiver = receiver();
        JsonPath created = register(receiver.url());
        String id = created.getString("id");
        api().auth().oauth2(Tokens.admin()).delete(PATH + "/" + id).then().statusCode(204);
        appendEvent();
        Thread.sleep(QUIET.toMillis());
        assertEquals(List.of(), receiver.requests);

        api().auth().oauth2(Tokens.admin()).get(PATH + "/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        api().auth().oauth2(Tokens.admin()).get(PATH + "/" + id + "/deliveries").then().statusCode(404);
        api().auth().oauth2(Tokens.admin()).delete(PATH + "/" + id).then().statusCode(404);
        api().auth().oauth2(Tokens.admin()).get(PATH).then().statusCode(200).body("items.id", not(hasItem(id)));

        JsonPath audit = audit(id);
        assertEquals(List.of("webhook.create", "webhook.delete"), audit.getList("items.action"));
        assertEquals(id, audit.getString("items[0].after.id"));
        assertEquals(receiver.url(), audit.getString("items[0].after.url"));
        assertEquals(id, audit.getString("items[1].before.id"));
        String trail = audit.prettify();
        assertFalse(trail.contains("secret"), "no secret in the audit trail");
        assertFalse(trail.contains(created.getString("secret")), "no secret in the audit trail");
    }

    @Test
    void unknownWebhooksAreNotFound() {
        String unknown = UUID.randomUUID().toString();
        api().auth().oauth2(Tokens.admin()).get(PATH + "/" + unknown).then().statusCode(404)
                .body("type", equalTo("tag:vru.london.gov.uk,2022:problem/not-found"));
        api().auth().oauth2(Tokens.admin()).delete(PATH + "/" + unknown).then().statusCode(404);
        api().auth().oauth2(Tokens.admin()).get(PATH + "/" + unknown + "/deliveries").then().statusCode(404);
    }

    @Test
    void theSignatureIsTheDocumentedRecipe() {
        // HMAC-SHA256 with key "key" of "1700000000.{}", as computed by
        // printf '1700000000.{}' | openssl dgst -sha256 -hmac key
        String expected = "sha256=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae";
        assertEquals(expected, WebhookSignature.sign("key", 1_700_000_000L, "{}"));
        assertTrue(WebhookSignature.verify("key", 1_700_000_000L, "{}", expected));
        assertFalse(WebhookSignature.verify("key", 1_700_000_000L, "{} ", expected));
        assertFalse(WebhookSignature.verify("key", 1_700_000_000L, "{}", null));
        assertFalse(WebhookSignature.verify("key", 1_700_000_000L, "{}", expected, Duration.ofMinutes(5),
                Instant.ofEpochSecond(1_700_000_000L + 3600)));
    }
}
