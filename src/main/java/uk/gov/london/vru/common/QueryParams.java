package uk.gov.london.vru.common;

import java.util.List;

/**
 * Query parameters are taken as text and parsed here, so that a bad value is a 400 listing the parameter (JAX-RS
 * would answer 404 for a query parameter it cannot convert).
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** The whole number in {@code text}, or null with an error added when it is not one within [min, max]. */
    public static Long number(String name, String text, long min, long max, List<FieldError> errors) {
        try {
            long value = Long.parseLong(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(name, "out-of-range", name + " must be a whole number from " + min + " to " + max + "."));
        return null;
    }
}
