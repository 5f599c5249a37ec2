package uk.gov.london.vru.framework;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A stored framework release: metadata, and the canonical JSON document (loaded only when needed). */
@Entity
@Table(name = "framework_release")
public class FrameworkRelease extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String version;
    public int major;
    public int minor;
    public int patch;

    @Enumerated(EnumType.STRING)
    public ReleaseStatus status;

    public String title;

    @Column(name = "published_on")
    public LocalDate publishedOn;

    @Column(name = "content_hash")
    public String contentHash;

    @Basic(fetch = FetchType.LAZY)
    public byte[] document;

    @Column(name = "status_changed_at")
    public Instant statusChangedAt;

    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "successor_version")
    public String successorVersion;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public SemanticVersion semanticVersion() {
        return new SemanticVersion(major, minor, patch);
    }
}
