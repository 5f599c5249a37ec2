package uk.gov.london.vru.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.gov.london.vru.testsupport.Api.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.gov.london.vru.common.ApiProblem;
import uk.gov.london.vru.framework.ReleaseDocument.ImpactGoal;

/**
 * The one loader: a restart changes nothing, and instances loading the same release at the same moment store it
 * exactly once. Loading happens in-process (as at start-up); what was stored is read back through HTTP.
 */
@QuarkusTest
class ReleaseLoaderTest {

    static final String RELEASES = "/api/v1/framework/releases";

    @Inject
    ReleaseLoader loader;

    @Inject
    FrameworkConfig config;

    @Test
    void aRestartLoadsNothingAndChangesNoByte() {
        byte[] before = api().get(RELEASES + "/1.0.0").asByteArray();
        String listBefore = api().get(RELEASES).asString();
        for (String location : config.bundledReleases()) {
            assertEquals(ReleaseLoader.Outcome.ALREADY_PRESENT,
                    loader.load(ReleaseLoader.readBundled(location), ReleaseStatus.PUBLISHED));
        }
        assertEquals(listBefore, api().get(RELEASES).asString());
        assertTrue(java.util.Arrays.equals(before, api().get(RELEASES + "/1.0.0").asByteArray()));
    }

    @Test
    void concurrentLoadsOfOneReleaseStoreItOnce() throws Exception {
        // A fresh 0.x version: below 1.0.0, so 'latest' is unaffected.
        String version = "0." + ThreadLocalRandom.current().nextInt(1, 1_000_000) + ".0";
        ReleaseDocument document = minimalDocument(version);
        int instances = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            List<Future<ReleaseLoader.Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return loader.load(document, ReleaseStatus.PUBLISHED);
                }));
            }
            start.countDown();
            List<ReleaseLoader.Outcome> results = new ArrayList<>();
            for (Future<ReleaseLoader.Outcome> outcome : outcomes) {
                results.add(outcome.get());
            }
            assertEquals(1, results.stream().filter(ReleaseLoader.Outcome.LOADED::equals).count(), results.toString());
        } finally {
            pool.shutdownNow();
        }
        List<String> versions = api().get(RELEASES).jsonPath().getList("items.version");
        assertEquals(1, versions.stream().filter(version::equals).count());
        api().get(RELEASES + "/" + version + "/priority-areas/ZA").then().statusCode(200);
    }

    @Test
    void anUnsoundDocumentIsRefusedWithEveryProblem() {
        ReleaseDocument bad = new ReleaseDocument("one", "", null, null, null, null, null,
                List.of(new ImpactGoal("IG1", "A", null, null), new ImpactGoal("IG1", "B", null, null)), List.of(), null, null,
                null, null);
        ApiProblem problem = assertThrows(ApiProblem.class, () -> loader.load(bad, ReleaseStatus.PUBLISHED));
        assertEquals(List.of("version", "title", "impactGoals[1].code"),
                problem.errors().stream().map(e -> e.field()).toList());
    }

    static ReleaseDocument minimalDocument(String version) {
        var outcome = new ReleaseDocument.ProgrammeOutcome("ZA-I01", "Test outcome", null, null, null);
        var hlo = new ReleaseDocument.HighLevelOutcome("ZA-H01", ReleaseDocument.Level.INDIVIDUAL, "Test HLO",
                "Definition", null, List.of(outcome), null);
        var area = new ReleaseDocument.PriorityArea("ZA", 1, "Test area", null, "Objective", null, null,
                List.of(hlo), null, null);
        return new ReleaseDocument(version, "Loader test " + version, null, java.time.LocalDate.of(2026, 1, 1),
                null, null, null, List.of(new ImpactGoal("IG1", "Goal", null, null)), List.of(area), null, null, null,
                null);
    }
}
