package uk.gov.london.vru.webhook;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What clients send and receive for webhook subscriptions. */
public final class WebhookApi {

    private WebhookApi() {
    }

    /** Registering a subscription (admin). The id, secret and timestamps are the service's. */
    public record Create(
            @NotBlank @Size(max = 2000) String url,
            @Size(max = 500) String description) {
    }

    /** A subscription as served: never its secret. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(String id, String url, String description, boolean active, Instant createdAt) {

        static View of(WebhookSubscription subscription) {
            return new View(subscription.id, subscription.url, subscription.description, subscription.active,
                    subscription.createdAt);
        }
    }

    /** A subscription just created, with its secret: the only time the secret is shown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Created(String id, String url, String description, boolean active, Instant createdAt,
            String secret) {

        static Created of(WebhookSubscription subscription) {
            return new Created(subscription.id, subscription.url, subscription.description, subscription.active,
                    subscription.createdAt, subscription.secret);
        }
    }

    /** The subscriptions. */
    public record ViewList(List<View> items) {
    }

    /** One delivery attempt, as served. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(long id, long eventId, int attempt, Instant attemptedAt, Integer statusCode, String outcome,
            String error, Instant nextAttemptAt) {

        static Delivery of(WebhookDelivery delivery) {
            return new Delivery(delivery.id, delivery.eventId, delivery.attempt, delivery.attemptedAt,
                    delivery.statusCode, delivery.outcome, delivery.error, delivery.nextAttemptAt);
        }
    }

    /** The newest delivery attempts of a subscription, newest first. */
    public record DeliveryList(List<Delivery> items) {
    }
}
