package uk.gov.london.vru.framework;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One entry of the framework change feed: a release published, deprecated or withdrawn. */
@Entity
@Table(name = "framework_event")
public class FrameworkEvent extends PanacheEntityBase {

    /** Event types. */
    public static final String PUBLISHED = "release.published";
    public static final String DEPRECATED = "release.deprecated";
    public static final String WITHDRAWN = "release.withdrawn";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    public String type;

    @Column(name = "release_version")
    public String releaseVersion;

    /** The event's payload as JSON (see {@link FrameworkEvents.Payload}). */
    public String data;
}
