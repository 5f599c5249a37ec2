package uk.gov.london.vru.organisation;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Sort;
import uk.gov.london.vru.audit.AuditLog;
import uk.gov.london.vru.common.ApiProblem;
import uk.gov.london.vru.common.FieldError;
import uk.gov.london.vru.common.Ids;
import uk.gov.london.vru.common.Preconditions;
import uk.gov.london.vru.common.ProblemType;
import uk.gov.london.vru.common.Times;
import uk.gov.london.vru.security.AccessScope;

/** Organisations: admins register them; each partner sees and edits its own. Every write is audited. */
@ApplicationScoped
public class OrganisationService {

    static final String TARGET = "organisation";

    @Inject
    AccessScope scope;

    @Inject
    AuditLog audit;

    @Transactional
    public Organisation create(OrganisationApi.Create create) {
        requireUniqueName(create.name(), null);
        Organisation organisation = new Organisation();
        organisation.id = Ids.next();
        organisation.name = create.name().strip();
        organisation.type = create.type();
        organisation.charityNumber = create.charityNumber();
        organisation.companyNumber = create.companyNumber();
        organisation.createdAt = Times.now();
        organisation.updatedAt = organisation.createdAt;
        organisation.persistAndFlush();
        audit.record("organisation.create", TARGET, organisation.id, null, OrganisationApi.View.of(organisation));
        return organisation;
    }

    /** The organisation, if the caller may see it; otherwise 404. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Organisation get(String id) {
        Organisation organisation = Organisation.findById(id);
        return scope.visible(organisation, organisation == null ? null : organisation.id,
                "There is no organisation " + id + ".");
    }

    /** A page of the organisations the caller may see, by name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Organisation> list(int page, int size) {
        Optional<String> only = scope.organisationFilter();
        var query = only.isPresent() ? Organisation.<Organisation>find("id", Sort.by("name").and("id"), only.get())
                : Organisation.<Organisation>findAll(Sort.by("name").and("id"));
        return query.page(page - 1, size).list();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count() {
        Optional<String> only = scope.organisationFilter();
        return only.isPresent() ? Organisation.count("id", only.get()) : Organisation.count();
    }

    /** Updates the organisation if the caller may see it and read its current version. */
    @Transactional
    public Organisation update(String id, OptionalLong expectedVersion, OrganisationApi.Update update) {
        Organisation organisation = get(id);
        Preconditions.requireVersion(expectedVersion, organisation.version);
        OrganisationApi.View before = OrganisationApi.View.of(organisation);
        requireUniqueName(update.name(), organisation.id);
        organisation.name = update.name().strip();
        organisation.charityNumber = update.charityNumber();
        organisation.companyNumber = update.companyNumber();
        organisation.updatedAt = Times.now();
        organisation.flush();
        audit.record("organisation.update", TARGET, organisation.id, before, OrganisationApi.View.of(organisation));
        return organisation;
    }

    private static void requireUniqueName(String name, String exceptId) {
        long same = exceptId == null ? Organisation.count("lower(name) = lower(?1)", name.strip())
                : Organisation.count("lower(name) = lower(?1) and id <> ?2", name.strip(), exceptId);
        if (same > 0) {
            throw new ApiProblem(ProblemType.CONFLICT, "An organisation with this name is registered already.",
                    List.of(new FieldError("name", "duplicate", "Another organisation has this name.")));
        }
    }
}
