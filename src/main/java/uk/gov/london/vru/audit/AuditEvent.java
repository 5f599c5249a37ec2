package uk.gov.london.vru.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One write, as recorded: append-only (the application's database user cannot update or delete these rows). */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "request_id")
    public String requestId;

    public String actor;

    @Column(name = "actor_organisation")
    public String actorOrganisation;

    @Column(name = "actor_role")
    public String actorRole;

    public String action;

    @Column(name = "target_type")
    public String targetType;

    @Column(name = "target_id")
    public String targetId;

    @Column(name = "before_state")
    public String beforeState;

    @Column(name = "after_state")
    public String afterState;
}
