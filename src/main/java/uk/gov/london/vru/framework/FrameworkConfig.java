package uk.gov.london.vru.framework;

import java.util.List;

import io.smallrye.config.ConfigMapping;

/** Configuration of the framework releases. */
@ConfigMapping(prefix = "vru.framework")
public interface FrameworkConfig {

    /** Classpath locations of the release documents shipped with the service, loaded on start when absent. */
    List<String> bundledReleases();

    /**
     * How long an instance keeps what a version expression names, and that release's state, before reading them
     * again (see ReleaseService).
     */
    @io.smallrye.config.WithDefault("1S")
    java.time.Duration releaseStateTtl();
}
