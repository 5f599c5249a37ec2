package uk.gov.london.vru.framework;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One concept of one release, indexed for joins: registrations and reports refer to concepts by code. */
@Entity
@Table(name = "framework_concept")
@IdClass(FrameworkConcept.Key.class)
public class FrameworkConcept extends PanacheEntityBase {

    /** Kinds of concept. */
    public enum Kind {
        IMPACT_GOAL, PRIORITY_AREA, HIGH_LEVEL_OUTCOME, PROGRAMME_OUTCOME, SYSTEMS_OUTCOME, PRIORITY_GROUP, MEASURE,
        OUTPUT_TYPE
    }

    /** Primary key: release and code. */
    public static class Key implements Serializable {
        public Long releaseId;
        public String code;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && java.util.Objects.equals(releaseId, key.releaseId)
                    && java.util.Objects.equals(code, key.code);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(releaseId, code);
        }
    }

    @Id
    @Column(name = "release_id")
    public Long releaseId;

    @Id
    public String code;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Kind kind;

    public String title;

    @Column(name = "parent_code")
    public String parentCode;

    @Column(name = "priority_area_code")
    public String priorityAreaCode;

    public String level;

    static FrameworkConcept of(Long releaseId, String code, Kind kind, String title, String parentCode,
            String priorityAreaCode, String level) {
        FrameworkConcept concept = new FrameworkConcept();
        concept.releaseId = releaseId;
        concept.code = code;
        concept.kind = kind;
        concept.title = title;
        concept.parentCode = parentCode;
        concept.priorityAreaCode = priorityAreaCode;
        concept.level = level;
        return concept;
    }
}
