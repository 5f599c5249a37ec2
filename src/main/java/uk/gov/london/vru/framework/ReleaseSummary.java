package uk.gov.london.vru.framework;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A release as listed: enough to choose one and to know whether a copy held is current. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReleaseSummary(String version, ReleaseStatus status, String title, LocalDate publishedOn,
        String contentHash, String href, Instant statusChangedAt, String statusReason, String successor) {

    static ReleaseSummary of(FrameworkRelease release) {
        return new ReleaseSummary(release.version, release.status, release.title, release.publishedOn,
                release.contentHash, ReleaseResource.PATH + "/" + release.version, release.statusChangedAt,
                release.statusReason, release.successorVersion);
    }
}
