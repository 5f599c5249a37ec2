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

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import uk.gov.london.vru.common.ApiProblem;
import uk.gov.london.vru.common.FieldError;
import uk.gov.london.vru.common.SqlErrors;
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

    @Inject
    ReleaseService releases;

    void onStart(@Observes @jakarta.annotation.Priority(10) StartupEvent event) {
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
     * Stores a release document with the given status in a transaction of its own, unless a release with its
     * version exists: then nothing changes (a stored release is never overwritten). Refuses an unsound document
     * with every problem listed.
     */
    public Outcome load(ReleaseDocument given, ReleaseStatus status) {
        ReleaseDocument document = ReleaseDocuments.normalise(given);
        List<FieldError> errors = ReleaseDocuments.check(document);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The release document breaks " + errors.size() + " rule(s): see errors.", errors);
        }
        if (QuarkusTransaction.requiringNew().call(() -> FrameworkRelease.count("version", document.version())) > 0) {
            return warnIfDifferent(document);
        }
        try {
            // Two instances racing here: the version's unique key makes the second insert wait for the first
            // transaction, then fail as a duplicate, which means the release is there.
            QuarkusTransaction.requiringNew().run(() -> insert(document, status));
            return Outcome.LOADED;
        } catch (RuntimeException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                return Outcome.ALREADY_PRESENT;
            }
            throw e;
        }
    }

    /** Inserts a checked, normalised document and its concepts, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public FrameworkRelease insert(ReleaseDocument document, ReleaseStatus status) {
        SemanticVersion version = SemanticVersion.parse(document.version()).orElseThrow();
        releases.changing();
        byte[] json = ReleaseDocuments.canonicalJson(document);
        FrameworkRelease release = new FrameworkRelease();
        release.version = document.version();
        release.major = version.major();
        release.minor = version.minor();
        release.patch = version.patch();
        release.status = status;
        release.title = document.title();
        release.publishedOn = document.publishedOn();
        release.contentHash = ReleaseDocuments.contentHash(json);
        release.document = json;
        release.createdAt = Instant.now();
        release.updatedAt = release.createdAt;
        release.persistAndFlush();
        concepts(release.id, document).forEach(entityManager::persist);
        return release;
    }

    private Outcome warnIfDifferent(ReleaseDocument document) {
        FrameworkRelease stored = QuarkusTransaction.requiringNew()
                .call(() -> FrameworkRelease.<FrameworkRelease>find("version", document.version()).firstResult());
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
