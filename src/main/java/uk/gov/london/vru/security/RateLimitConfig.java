package uk.gov.london.vru.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Per-client request limits. */
@ConfigMapping(prefix = "vru.rate-limit")
public interface RateLimitConfig {

    /** Whether requests are limited at all. */
    @WithDefault("true")
    boolean enabled();

    /** Requests one client may make per window. */
    @WithDefault("600")
    int requests();

    /** The window the limit refills over. */
    @WithDefault("60S")
    Duration window();
}
