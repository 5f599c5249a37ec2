package uk.gov.london.vru.common;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One page of a list in a stable order, with links to its neighbours. Pages count from 1. */
public record Page<T>(List<T> items, int page, int size, long total, Links links) {

    /** Links to this page and its neighbours (absent at either end). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Links(String self, String next, String prev) {
    }

    /** A page, with links built from {@code path} (a query string without page and size, or empty). */
    public static <T> Page<T> of(List<T> items, int page, int size, long total, String path, String query) {
        String base = path + "?" + (query == null || query.isEmpty() ? "" : query + "&") + "size=" + size + "&page=";
        String next = (long) page * size < total ? base + (page + 1) : null;
        String prev = page > 1 ? base + (page - 1) : null;
        return new Page<>(items, page, size, total, new Links(base + page, next, prev));
    }
}
