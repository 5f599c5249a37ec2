package uk.gov.london.vru.webhook;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Sort;
import uk.gov.london.vru.audit.AuditLog;
import uk.gov.london.vru.common.ApiProblem;
import uk.gov.london.vru.common.FieldError;
import uk.gov.london.vru.common.Ids;
import uk.gov.london.vru.common.Times;
import uk.gov.london.vru.security.Caller;

/** Webhook subscriptions: admins register and remove them; every write is audited (never with the secret). */
@ApplicationScoped
public class WebhookService {

    static final String TARGET = "webhook";
    static final int DELIVERY_LOG_LIMIT = 100;

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    WebhookTargets targets;

    @Inject
    AuditLog audit;

    @Inject
    Caller caller;

    @Inject
    EntityManager entityManager;

    /** Registers a subscription that receives every framework event from now on. */
    @Transactional
    public WebhookSubscription create(WebhookApi.Create create) {
        String url = create.url().strip();
        Optional<String> refusal = targets.refusal(url);
        if (refusal.isPresent()) {
            throw ApiProblem.invalid("The webhook URL is not allowed: see errors.",
                    List.of(new FieldError("url", "not-allowed", refusal.get())));
        }
        WebhookSubscription subscription = new WebhookSubscription();
        subscription.id = Ids.next();
        subscription.url = url;
        subscription.secret = newSecret();
        subscription.description = create.description() == null || create.description().isBlank() ? null
                : create.description().strip();
        subscription.active = true;
        subscription.cursor = entityManager
                .createQuery("select coalesce(max(e.id), 0) from FrameworkEvent e", Long.class).getSingleResult();
        subscription.createdAt = Times.now();
        subscription.updatedAt = subscription.createdAt;
        subscription.createdBy = caller.subject();
        subscription.persistAndFlush();
        audit.record("webhook.create", TARGET, subscription.id, null, WebhookApi.View.of(subscription));
        return subscription;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<WebhookSubscription> list() {
        return WebhookSubscription.listAll(Sort.by("createdAt").and("id"));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WebhookSubscription get(String id) {
        WebhookSubscription subscription = WebhookSubscription.findById(id);
        if (subscription == null) {
            throw ApiProblem.notFound("There is no webhook " + id + ".");
        }
        return subscription;
    }

    /** Removes the subscription and its delivery log; nothing more is delivered to it. */
    @Transactional
    public void delete(String id) {
        // Lock the subscription before its log, in the same order as the dispatcher, so the two never deadlock.
        WebhookSubscription subscription = WebhookSubscription.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (subscription == null) {
            throw ApiProblem.notFound("There is no webhook " + id + ".");
        }
        WebhookApi.View before = WebhookApi.View.of(subscription);
        WebhookDelivery.delete("subscriptionId", id);
        subscription.delete();
        audit.record("webhook.delete", TARGET, id, before, null);
    }

    /** The newest attempts first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<WebhookDelivery> deliveries(String id) {
        get(id);
        return WebhookDelivery.<WebhookDelivery>find("subscriptionId", Sort.descending("id"), id)
                .page(0, DELIVERY_LOG_LIMIT).list();
    }

    /** 32 random bytes, base64url without padding (43 characters). */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
