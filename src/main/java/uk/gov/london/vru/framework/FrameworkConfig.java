package uk.gov.london.vru.framework;

import java.util.List;

import io.smallrye.config.ConfigMapping;

/** Configuration of the framework releases. */
@ConfigMapping(prefix = "vru.framework")
public interface FrameworkConfig {

    /** Classpath locations of the release documents shipped with the service, loaded on start when absent. */
    List<String> bundledReleases();
}
