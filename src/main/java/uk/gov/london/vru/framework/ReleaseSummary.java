package uk.gov.london.vru.framework;

import java.time.LocalDate;

/** A release as listed: enough to choose one and to know whether a copy held is current. */
public record ReleaseSummary(String version, ReleaseStatus status, String title, LocalDate publishedOn,
        String contentHash, String href) {

    static ReleaseSummary of(FrameworkRelease release) {
        return new ReleaseSummary(release.version, release.status, release.title, release.publishedOn,
                release.contentHash, ReleaseResource.PATH + "/" + release.version);
    }
}
