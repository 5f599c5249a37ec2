package uk.gov.london.vru.security;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import uk.gov.london.vru.common.ApiProblem;
import uk.gov.london.vru.common.ProblemType;

/**
 * Object-level authorisation, in one place: every service asks this scope which organisation's objects the caller
 * may see, and whether it may see one object. A partner sees its own organisation's objects only; asking for
 * another's answers 404, exactly as for an object that does not exist, so existence is never revealed.
 */
@RequestScoped
public class AccessScope {

    @Inject
    Caller caller;

    /**
     * The organisation lists and queries must be restricted to, or empty when the caller sees every organisation's
     * objects. A partner token without an organisation is refused (403).
     */
    public Optional<String> organisationFilter() {
        if (!caller.isScopedToOrganisation()) {
            return Optional.empty();
        }
        return Optional.of(caller.organisation().orElseThrow(() -> new ApiProblem(ProblemType.FORBIDDEN,
                "The token has the partner role but names no organisation.")));
    }

    /** Returns the object if the caller may see it; otherwise the same 404 as for a missing object. */
    public <T> T visible(T object, String ownerOrganisation, String notFoundDetail) {
        if (object == null) {
            throw ApiProblem.notFound(notFoundDetail);
        }
        Optional<String> only = organisationFilter();
        if (only.isPresent() && !only.get().equals(ownerOrganisation)) {
            throw ApiProblem.notFound(notFoundDetail);
        }
        return object;
    }
}
