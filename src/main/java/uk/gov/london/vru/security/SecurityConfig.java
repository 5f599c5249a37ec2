package uk.gov.london.vru.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Identity configuration beyond what quarkus-oidc itself reads. */
@ConfigMapping(prefix = "vru.security")
public interface SecurityConfig {

    /** The token claim that holds a partner's organisation id. */
    @WithDefault("organisation")
    String organisationClaim();
}
