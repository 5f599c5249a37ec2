package uk.gov.london.vru.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import uk.gov.london.vru.common.DevIdentityProvider;

/** The production profile refuses to start with development keys or without a real identity provider. */
@Singleton
public class ProductionSafety {

    void check(@Observes @jakarta.annotation.Priority(0) StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        List<String> problems = problems(config.getOptionalValue("quarkus.oidc.auth-server-url", String.class),
                config.getOptionalValue("quarkus.oidc.token.issuer", String.class),
                config.getOptionalValue("quarkus.oidc.public-key", String.class));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in production: " + String.join("; ", problems));
        }
    }

    /** What is unsafe in this identity configuration for production; empty when it is safe. */
    static List<String> problems(Optional<String> authServerUrl, Optional<String> issuer, Optional<String> publicKey) {
        List<String> problems = new ArrayList<>();
        if (authServerUrl.isEmpty() || authServerUrl.get().isBlank()) {
            problems.add("QUARKUS_OIDC_AUTH_SERVER_URL must name the identity provider");
        } else if (authServerUrl.get().contains(DevIdentityProvider.MARKER)) {
            problems.add("QUARKUS_OIDC_AUTH_SERVER_URL points at the development identity provider");
        }
        if (issuer.isPresent() && issuer.get().contains(DevIdentityProvider.MARKER)) {
            problems.add("QUARKUS_OIDC_TOKEN_ISSUER is the development identity provider");
        }
        if (publicKey.isPresent() && !publicKey.get().isBlank()) {
            problems.add("QUARKUS_OIDC_PUBLIC_KEY is a static key; production verifies tokens with the provider's JWKS");
        }
        return problems;
    }
}
