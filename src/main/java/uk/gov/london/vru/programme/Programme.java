package uk.gov.london.vru.programme;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A programme registration: owner, state, the release it uses, and the registration itself as JSON. */
@Entity
@Table(name = "programme")
public class Programme extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "organisation_id")
    public String organisationId;

    public String title;

    @Column(name = "primary_priority_area")
    public String primaryPriorityArea;

    @Column(name = "release_version")
    public String releaseVersion;

    @Column(name = "start_date")
    public LocalDate startDate;

    @Column(name = "end_date")
    public LocalDate endDate;

    @Enumerated(EnumType.STRING)
    public ProgrammeStatus status;

    @Column(name = "status_reason")
    public String statusReason;

    /** The registration as the partner last sent it (JSON of {@link ProgrammeApi.Registration}). */
    public String registration;

    @Version
    public long version;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
