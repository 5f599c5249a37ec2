package uk.gov.london.vru.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import uk.gov.london.vru.common.Times;
import uk.gov.london.vru.framework.FrameworkEvent;
import uk.gov.london.vru.framework.FrameworkEvents;

/**
 * Delivers the framework change feed to webhook subscriptions: each subscription gets every event after its
 * cursor, in order, one at a time, signed (see {@link WebhookSignature}), at least once.
 *
 * <p>Per subscription and event: claim the subscription in a short transaction ({@code SELECT ... FOR UPDATE SKIP
 * LOCKED}, then a lease so that no other instance takes it while this one delivers), POST outside any transaction,
 * then record the attempt in another short transaction. A 2xx answer moves the cursor on; anything else (another
 * status, a timeout, a refused connection, a target no longer allowed) is retried after a delay that doubles with
 * every attempt, until the event is given up after {@code vru.webhooks.max-attempts} attempts and the cursor moves
 * on. Publishing an event never waits for any of this: it only appends the event row.
 */
@ApplicationScoped
public class WebhookDispatcher {

    static final String USER_AGENT = "vru-outcomes-api-webhooks";
    /** Subscriptions delivered to at the same time by one instance. */
    static final int WORKERS = 4;
    /** Events delivered to one subscription before it gives the others a turn. */
    static final int BATCH = 100;
    /**
     * Event ids can commit out of order: when the next event's id leaves a gap after the cursor, an earlier event
     * may still be committing, so a young event after a gap waits this long before it is delivered.
     */
    static final Duration GAP_GRACE = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int MAX_ERROR = 500;

    /** What to send, claimed for one attempt. */
    record Attempt(String subscriptionId, String url, String secret, long eventId, String body, int number) {
    }

    /** How an attempt went: the receiver's status (null without an answer) and what went wrong. */
    record Result(Instant at, Integer statusCode, String error) {
        boolean delivered() {
            return error == null && statusCode != null && statusCode / 100 == 2;
        }
    }

    @Inject
    WebhookConfig config;

    @Inject
    WebhookTargets targets;

    @Inject
    FrameworkEvents events;

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager entityManager;

    /** Subscriptions being delivered to by this instance. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private ExecutorService workers;
    private HttpClient client;

    @PostConstruct
    void start() {
        AtomicInteger count = new AtomicInteger();
        workers = Executors.newFixedThreadPool(WORKERS, task -> {
            Thread thread = new Thread(task, "webhook-delivery-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        client = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Hands every subscription with undelivered events, and not already in hand here, to a worker. */
    @Scheduled(identity = "webhook-dispatcher", every = "${vru.webhooks.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = uk.gov.london.vru.common.Migrations.NotMigrated.class)
    void poll() {
        List<String> pending = QuarkusTransaction.requiringNew().call(() -> entityManager.createQuery(
                "select s.id from WebhookSubscription s where s.active = true"
                        + " and s.cursor < (select coalesce(max(e.id), 0) from FrameworkEvent e) order by s.createdAt",
                String.class).getResultList());
        for (String id : pending) {
            if (!inFlight.add(id)) {
                continue;
            }
            try {
                workers.execute(() -> {
                    try {
                        drain(id);
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "Webhook %s: delivery failed", id);
                    } finally {
                        inFlight.remove(id);
                    }
                });
            } catch (RejectedExecutionException e) {
                inFlight.remove(id); // shutting down
            }
        }
    }

    /** Delivers the subscription's due events in order, until one fails, none is due, or the batch is done. */
    void drain(String subscriptionId) {
        for (int i = 0; i < BATCH && !Thread.currentThread().isInterrupted(); i++) {
            Attempt attempt = claim(subscriptionId);
            if (attempt == null) {
                return;
            }
            Result result = send(attempt);
            if (result == null) {
                return; // interrupted: the lease runs out and the event is attempted again
            }
            record(attempt, result);
            if (!result.delivered()) {
                return;
            }
        }
    }

    /**
     * The next event due for the subscription, with the subscription leased to this instance; null when the
     * subscription is gone, held by another instance, or has nothing due.
     */
    Attempt claim(String subscriptionId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> locked = entityManager.createNativeQuery("SELECT id FROM webhook_subscription"
                    + " WHERE id = ?1 AND active = TRUE FOR UPDATE SKIP LOCKED")
                    .setParameter(1, subscriptionId).getResultList();
            if (locked.isEmpty()) {
                return null;
            }
            WebhookSubscription subscription = entityManager.find(WebhookSubscription.class, subscriptionId);
            Instant now = Times.now();
            if (subscription.leasedUntil != null && subscription.leasedUntil.isAfter(now)) {
                return null;
            }
            while (true) {
                FrameworkEvent next = FrameworkEvent.<FrameworkEvent>find("id > ?1 order by id", subscription.cursor)
                        .firstResult();
                if (next == null) {
                    return null;
                }
                if (next.id > subscription.cursor + 1 && next.occurredAt.isAfter(now.minus(GAP_GRACE))) {
                    return null;
                }
                WebhookDelivery last = WebhookDelivery.<WebhookDelivery>find(
                        "subscriptionId = ?1 and eventId = ?2 order by attempt desc", subscriptionId, next.id)
                        .firstResult();
                if (last != null && !WebhookDelivery.FAILED.equals(last.outcome)) {
                    subscription.cursor = next.id; // settled already (by an attempt whose cursor move was lost)
                    continue;
                }
                if (last != null && last.nextAttemptAt != null && last.nextAttemptAt.isAfter(now)) {
                    return null;
                }
                subscription.leasedUntil = now.plus(lease());
                return new Attempt(subscriptionId, subscription.url, subscription.secret, next.id, body(next),
                        last == null ? 1 : last.attempt + 1);
            }
        });
    }

    /** POSTs the event, outside any transaction; null when interrupted (the service is stopping). */
    Result send(Attempt attempt) {
        Instant at = Times.now();
        Optional<String> refusal = targets.refusal(attempt.url());
        if (refusal.isPresent()) {
            return new Result(at, null, "target no longer allowed");
        }
        long timestamp = at.getEpochSecond();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(attempt.url()))
                    .timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", USER_AGENT)
                    .header("Webhook-Id", Long.toString(attempt.eventId()))
                    .header("Webhook-Timestamp", Long.toString(timestamp))
                    .header("Webhook-Signature", WebhookSignature.sign(attempt.secret(), timestamp, attempt.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(attempt.body(), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            response.body().close(); // the receiver's body is not read
            int status = response.statusCode();
            return new Result(at, status, status / 100 == 2 ? null : "the receiver answered " + status);
        } catch (HttpConnectTimeoutException e) {
            return new Result(at, null, "connection timed out after " + config.timeout().toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            return new Result(at, null, "no answer within " + config.timeout().toMillis() + " ms");
        } catch (ConnectException e) {
            return new Result(at, null, error("connection failed", e));
        } catch (IOException | IllegalArgumentException e) {
            return new Result(at, null, error("request failed", e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Logs the attempt and moves the cursor on when the event is delivered or given up; releases the lease. */
    void record(Attempt attempt, Result result) {
        QuarkusTransaction.requiringNew().run(() -> {
            WebhookSubscription subscription = entityManager.find(WebhookSubscription.class,
                    attempt.subscriptionId(), LockModeType.PESSIMISTIC_WRITE);
            if (subscription == null) {
                return; // removed while we were delivering
            }
            WebhookDelivery delivery = new WebhookDelivery();
            delivery.subscriptionId = attempt.subscriptionId();
            delivery.eventId = attempt.eventId();
            delivery.attempt = attempt.number();
            delivery.attemptedAt = result.at();
            delivery.statusCode = result.statusCode();
            delivery.error = result.error();
            if (result.delivered()) {
                delivery.outcome = WebhookDelivery.DELIVERED;
            } else if (attempt.number() >= config.maxAttempts()) {
                delivery.outcome = WebhookDelivery.GAVE_UP;
                LOG.warnf("Webhook %s: gave up event %d after %d attempts (%s)", attempt.subscriptionId(),
                        attempt.eventId(), attempt.number(), result.error());
            } else {
                delivery.outcome = WebhookDelivery.FAILED;
                delivery.nextAttemptAt = Times.now().plus(backoff(attempt.number()));
            }
            delivery.persist();
            if (!WebhookDelivery.FAILED.equals(delivery.outcome)) {
                subscription.cursor = Math.max(subscription.cursor, attempt.eventId());
            }
            subscription.leasedUntil = null;
        });
    }

    /** The delay after failed attempt {@code number}: the base, doubled for every earlier failure, capped. */
    Duration backoff(int number) {
        Duration max = config.retryMaxDelay();
        try {
            Duration delay = config.retryBase().multipliedBy(1L << Math.min(number - 1, 30));
            return delay.compareTo(max) > 0 ? max : delay;
        } catch (ArithmeticException e) {
            return max;
        }
    }

    /** Long enough for connecting and answering, whatever happens, with room to record the result. */
    private Duration lease() {
        return config.timeout().multipliedBy(3).plusSeconds(10);
    }

    private String body(FrameworkEvent event) {
        try {
            return mapper.writeValueAsString(events.view(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + event.id + " cannot be written", e);
        }
    }

    private static String error(String what, Exception e) {
        String text = what + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }
}
