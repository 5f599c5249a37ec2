package uk.gov.london.vru.organisation;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A delivery partner or commissioner: the owner of programmes and submissions. */
@Entity
@Table(name = "organisation")
public class Organisation extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    @Enumerated(EnumType.STRING)
    public OrganisationType type;

    @Column(name = "charity_number")
    public String charityNumber;

    @Column(name = "company_number")
    public String companyNumber;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
