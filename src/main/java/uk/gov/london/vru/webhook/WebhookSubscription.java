package uk.gov.london.vru.webhook;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A receiver of the framework change feed: where to POST each event, and how far it has got. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    @Id
    public String id;

    public String url;

    /** The HMAC key, as given to the subscriber once; never served again, never audited. */
    public String secret;

    public String description;

    public boolean active;

    /** The last framework event id delivered or given up; the next delivery is the first event after it. */
    @Column(name = "`cursor`")
    public long cursor;

    /**
     * While an instance is delivering to this subscription (outside any transaction), no other instance takes it
     * until this time; null when nobody is.
     */
    @Column(name = "leased_until")
    public Instant leasedUntil;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "created_by")
    public String createdBy;
}
