package uk.gov.london.vru.common;

/**
 * One failed check: where ({@code field}, a JSON path or parameter name), a stable machine-readable {@code code},
 * and a sentence for people.
 */
public record FieldError(String field, String code, String message) {
}
