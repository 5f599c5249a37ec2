package uk.gov.london.vru.testsupport;

import static io.restassured.RestAssured.given;

import java.nio.file.Path;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;

import io.restassured.specification.RequestSpecification;

/**
 * Starting point of every HTTP test: a REST Assured request whose response is validated against the contract,
 * {@code openapi/openapi.yaml}. Requests are not validated, so that tests can send bad input on purpose.
 */
public final class Api {

    /** The contract file, relative to the project root (the tests' working directory). */
    public static final Path CONTRACT = Path.of("openapi", "openapi.yaml");

    private static final OpenApiValidationFilter CONTRACT_FILTER = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createForSpecificationUrl(CONTRACT.toUri().toString())
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .build())
                    .build());

    private Api() {
    }

    /** A request whose response must match the contract. */
    public static RequestSpecification api() {
        return given().filter(CONTRACT_FILTER);
    }
}
