package uk.gov.london.vru.framework;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The next edition being prepared: a working copy of a release document, editable until it is published. */
@Entity
@Table(name = "framework_draft")
public class FrameworkDraft extends PanacheEntityBase {

    /** Open drafts change; a published draft is kept as a record and changes no more. */
    public static final String OPEN = "open";
    public static final String PUBLISHED = "published";

    @Id
    public String id;

    public String title;

    @Column(name = "base_version")
    public String baseVersion;

    public String state;

    @Column(name = "published_version")
    public String publishedVersion;

    public byte[] document;

    @Version
    public long version;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
