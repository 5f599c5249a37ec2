package uk.gov.london.vru.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhook settings ({@code vru.webhooks.*}); see application.properties. */
@ConfigMapping(prefix = "vru.webhooks")
public interface WebhookConfig {

    /** URL prefixes a subscription's URL must start with; none means no URL is allowed. */
    Optional<List<String>> allowedTargets();

    /** How often the dispatcher looks for events to deliver. */
    @WithDefault("1S")
    Duration pollInterval();

    /** Connect and request timeout of one delivery. */
    @WithDefault("5S")
    Duration timeout();

    /** Delay after the first failed attempt; it doubles with every further failure. */
    @WithDefault("1S")
    Duration retryBase();

    /** The longest delay between two attempts. */
    @WithDefault("5M")
    Duration retryMaxDelay();

    /** Attempts at one event before it is given up. */
    @WithDefault("8")
    int maxAttempts();
}
