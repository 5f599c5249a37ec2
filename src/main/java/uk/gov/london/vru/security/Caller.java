package uk.gov.london.vru.security;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling: subject, role and (for partners) organisation, from the verified token. */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @Inject
    SecurityConfig config;

    public boolean isAnonymous() {
        return identity.isAnonymous();
    }

    /** The token's subject. */
    public String subject() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** The caller's most powerful role, as recorded in audit events. */
    public String role() {
        for (String role : Roles.PRECEDENCE) {
            if (identity.hasRole(role)) {
                return role;
            }
        }
        return "none";
    }

    /** The organisation named in the token, if any. */
    public Optional<String> organisation() {
        if (identity.isAnonymous() || token == null || token.getRawToken() == null) {
            return Optional.empty();
        }
        Object claim = token.getClaim(config.organisationClaim());
        return claim == null ? Optional.empty() : Optional.of(claim.toString().replace("\"", ""));
    }

    /**
     * True when the caller may act only within its own organisation: any partner who is not an administrator. A
     * partner token that also carries another role (commissioner, framework editor) stays limited to its
     * organisation, so that the partner role's writes never reach other organisations' objects.
     */
    public boolean isScopedToOrganisation() {
        return identity.hasRole(Roles.PARTNER) && !identity.hasRole(Roles.ADMIN);
    }
}
