package uk.gov.london.vru.submission;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A programme's return for one quarter: its state and current revision (the revisions themselves are rows apart). */
@Entity
@Table(name = "submission")
public class Submission extends PanacheEntityBase {

    /** Submission states. */
    public static final String DRAFT = "draft";
    public static final String SUBMITTED = "submitted";
    public static final String ACCEPTED = "accepted";
    public static final String RETURNED = "returned";

    @Id
    public String id;

    @Column(name = "programme_id")
    public String programmeId;

    public String period;

    public String status;

    @Column(name = "status_reason")
    public String statusReason;

    public int revision;

    public boolean late;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean isEditable() {
        return DRAFT.equals(status) || RETURNED.equals(status);
    }
}
