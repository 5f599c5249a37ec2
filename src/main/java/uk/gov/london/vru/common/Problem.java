package uk.gov.london.vru.common;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem document, served as {@code application/problem+json}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, String requestId,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
