package uk.gov.london.vru.organisation;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What clients send and receive for organisations: write payloads are separate from the view. */
public final class OrganisationApi {

    static final String CHARITY = "^(SC|NI)?[0-9]{5,8}(-[0-9]{1,3})?$";
    static final String COMPANY = "^([0-9]{8}|[A-Z]{2}[0-9]{6})$";

    private OrganisationApi() {
    }

    /** Registering an organisation (admin). The id, version and timestamps are the service's. */
    public record Create(
            @NotBlank @Size(max = 300) String name,
            @NotNull OrganisationType type,
            @Pattern(regexp = CHARITY, message = "must be a charity number such as 1234567 or SC012345") String charityNumber,
            @Pattern(regexp = COMPANY, message = "must be a Companies House number such as 01234567 or SC123456") String companyNumber) {
    }

    /** Changing an organisation's details (admin, or a partner for its own). Its type does not change. */
    public record Update(
            @NotBlank @Size(max = 300) String name,
            @Pattern(regexp = CHARITY, message = "must be a charity number such as 1234567 or SC012345") String charityNumber,
            @Pattern(regexp = COMPANY, message = "must be a Companies House number such as 01234567 or SC123456") String companyNumber) {
    }

    /** An organisation as served. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(String id, String name, OrganisationType type, String charityNumber, String companyNumber,
            Instant createdAt, Instant updatedAt, String href) {

        static View of(Organisation organisation) {
            return new View(organisation.id, organisation.name, organisation.type, organisation.charityNumber,
                    organisation.companyNumber, organisation.createdAt, organisation.updatedAt,
                    OrganisationResource.PATH + "/" + organisation.id);
        }
    }
}
