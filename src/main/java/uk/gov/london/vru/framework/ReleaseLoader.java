package uk.gov.london.vru.framework;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import uk.gov.london.vru.common.ApiProblem;
import uk.gov.london.vru.common.FieldError;
import uk.gov.london.vru.framework.FrameworkConcept.Kind;
import uk.gov.london.vru.framework.ReleaseDocument.HighLevelOutcome;
import uk.gov.london.vru.framework.ReleaseDocument.PriorityArea;
import uk.gov.london.vru.framework.ReleaseDocument.ProgrammeOutcome;

/**
 * The one loader of release documents. On start it loads each bundled document that is not stored yet; a restart,
 * or several instances starting at once, change nothing, because a release is inserted only when its version is
 * new (the version's unique key decides, inside the loading transaction).
 */
@ApplicationScoped
public class ReleaseLoader {

    /** What a load did. */
    public enum Outcome {
        LOADED, ALREADY_PRESENT
    }

    private static final Logger LOG = Logger.getLogger(ReleaseLoader.class);

    @Inject
    FrameworkConfig config;

    @Inject
    EntityManager entityManager;

    void onStart(@Observes StartupEvent event) {
        for (String location : config.bundledReleases()) {
            ReleaseDocument document = readBundled(location);
            Outcome outcome = load(document, ReleaseStatus.PUBLISHED);
            LOG.infof("Framework release %s from %s: %s", document.version(), location, outcome);
        }
    }

    static ReleaseDocument readBundled(String location) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException("Bundled release document not found: " + location);
            }
            return ReleaseDocuments.readYaml(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stores a release document with the given status, unless a release with its version exists: then nothing
     * changes (a stored release is never overwritten). Refuses an unsound document with every problem listed.
     */
    @Transactional
    public Outcome load(ReleaseDocument given, ReleaseStatus status) {
        ReleaseDocument document = ReleaseDocuments.normalise(given);
        List<FieldError> errors = ReleaseDocuments.check(document);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The release document breaks " + errors.size() + " rule(s): see errors.", errors);
        }
        SemanticVersion version = SemanticVersion.parse(document.version()).orElseThrow();
        if (FrameworkRelease.count("version", document.version()) > 0) {
            return warnIfDifferent(document);
        }
        byte[] json = ReleaseDocuments.canonicalJson(document);
        Instant now = Instant.now();
        // The unique key on version makes a concurrent second insert wait for the first, then do nothing.
        int inserted = entityManager.createNativeQuery("""
                INSERT INTO framework_release
                    (version, major, minor, patch, status, title, published_on, content_hash, document, created_at, updated_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
                ON DUPLICATE KEY UPDATE id = id""")
                .setParameter(1, document.version())
                .setParameter(2, version.major())
                .setParameter(3, version.minor())
                .setParameter(4, version.patch())
                .setParameter(5, status.name())
                .setParameter(6, document.title())
                .setParameter(7, document.publishedOn())
                .setParameter(8, ReleaseDocuments.contentHash(json))
                .setParameter(9, json)
                .setParameter(10, now)
                .executeUpdate();
        if (inserted != 1) {
            return Outcome.ALREADY_PRESENT;
        }
        Long id = FrameworkRelease.<FrameworkRelease>find("version", document.version()).firstResult().id;
        concepts(id, document).forEach(entityManager::persist);
        return Outcome.LOADED;
    }

    private Outcome warnIfDifferent(ReleaseDocument document) {
        FrameworkRelease stored = FrameworkRelease.find("version", document.version()).firstResult();
        String hash = ReleaseDocuments.contentHash(ReleaseDocuments.canonicalJson(document));
        if (!hash.equals(stored.contentHash)) {
            LOG.warnf("Release %s is stored with %s but the document given has %s; the stored release is kept "
                    + "(releases are immutable: publish a new version instead)", document.version(),
                    stored.contentHash, hash);
        }
        return Outcome.ALREADY_PRESENT;
    }

    static List<FrameworkConcept> concepts(Long releaseId, ReleaseDocument document) {
        List<FrameworkConcept> concepts = new ArrayList<>();
        ReleaseDocuments.list(document.impactGoals()).forEach(goal -> concepts.add(
                FrameworkConcept.of(releaseId, goal.code(), Kind.IMPACT_GOAL, goal.title(), null, null, null)));
        for (PriorityArea area : ReleaseDocuments.list(document.priorityAreas())) {
            concepts.add(FrameworkConcept.of(releaseId, area.code(), Kind.PRIORITY_AREA, area.name(), null,
                    area.code(), null));
            for (HighLevelOutcome hlo : ReleaseDocuments.list(area.highLevelOutcomes())) {
                concepts.add(FrameworkConcept.of(releaseId, hlo.code(), Kind.HIGH_LEVEL_OUTCOME, hlo.title(),
                        area.code(), area.code(), hlo.level().code()));
                for (ProgrammeOutcome po : ReleaseDocuments.list(hlo.programmeOutcomes())) {
                    concepts.add(FrameworkConcept.of(releaseId, po.code(), Kind.PROGRAMME_OUTCOME, po.title(),
                            hlo.code(), area.code(), po.level().code()));
                }
            }
            ReleaseDocuments.list(area.systemsOutcomes()).forEach(outcome -> concepts.add(FrameworkConcept.of(
                    releaseId, outcome.code(), Kind.SYSTEMS_OUTCOME, outcome.title(), area.code(), area.code(), null)));
        }
        ReleaseDocuments.list(document.priorityGroups()).forEach(group -> concepts.add(
                FrameworkConcept.of(releaseId, group.code(), Kind.PRIORITY_GROUP, group.name(), null, null, null)));
        ReleaseDocuments.list(document.measures()).forEach(measure -> concepts.add(
                FrameworkConcept.of(releaseId, measure.code(), Kind.MEASURE, measure.name(), null, null, null)));
        ReleaseDocuments.list(document.outputTypes()).forEach(output -> concepts.add(
                FrameworkConcept.of(releaseId, output.code(), Kind.OUTPUT_TYPE, output.name(), null, null, null)));
        return concepts;
    }
}
