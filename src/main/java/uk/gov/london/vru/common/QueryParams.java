package uk.gov.london.vru.common;

import java.util.List;

/**
 * Query parameters are taken as text and parsed here, so that a bad value is a 400 listing the parameter (JAX-RS
 * would answer 404 for a query parameter it cannot convert).
 */
public final class QueryParams {

    /** The largest page a list serves. */
    public static final int MAX_PAGE_SIZE = 200;

    /** A page of a list: its number (from 1) and size. */
    public record Paging(int page, int size) {
    }

    private QueryParams() {
    }

    /** The {@code page} (default 1) and {@code size} (default 50, at most 200) of a list, or errors added. */
    public static Paging paging(String page, String size, List<FieldError> errors) {
        Long number = page == null ? Long.valueOf(1) : number("page", page, 1, 1_000_000, errors);
        Long length = size == null ? Long.valueOf(50) : number("size", size, 1, MAX_PAGE_SIZE, errors);
        return number == null || length == null ? null : new Paging(number.intValue(), length.intValue());
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
