package uk.gov.london.vru.webhook;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One attempt to deliver one event to one subscription: the delivery log. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    /** Outcomes. */
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final String GAVE_UP = "gave-up";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "subscription_id")
    public String subscriptionId;

    @Column(name = "event_id")
    public long eventId;

    /** 1 for the first attempt at this event, then 2, 3, ... */
    public int attempt;

    @Column(name = "attempted_at")
    public Instant attemptedAt;

    /** The receiver's HTTP status; null when there was no answer. */
    @Column(name = "status_code")
    public Integer statusCode;

    public String outcome;

    public String error;

    /** For a failed attempt, when the next one is due. */
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
}
