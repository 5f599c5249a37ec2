package uk.gov.london.vru.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Which URLs the service may POST to (against server-side request forgery): absolute {@code http} or
 * {@code https}, with a host, without user information or fragment, and starting with one of the configured
 * prefixes ({@code vru.webhooks.allowed-targets}; none configured means none allowed). Checked when a
 * subscription is registered and again before every delivery.
 */
@ApplicationScoped
public class WebhookTargets {

    @Inject
    WebhookConfig config;

    /** Why {@code url} may not be a target, or empty when it may. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("This is not a well-formed URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            return Optional.of("The URL must be an absolute http or https URL.");
        }
        if (uri.getHost() == null || uri.isOpaque()) {
            return Optional.of("The URL must name a host.");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("The URL must not carry user information.");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("The URL must not have a fragment.");
        }
        List<String> allowed = config.allowedTargets().orElse(List.of());
        if (allowed.stream().map(String::strip).noneMatch(prefix -> !prefix.isEmpty() && url.startsWith(prefix))) {
            return Optional.of("The URL is not among the targets this service may call (vru.webhooks.allowed-targets).");
        }
        return Optional.empty();
    }
}
