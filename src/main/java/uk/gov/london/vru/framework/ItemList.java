package uk.gov.london.vru.framework;

import java.util.List;

/** A list of concepts of one release. */
public record ItemList<T>(String release, int count, List<T> items) {

    static <T> ItemList<T> of(String release, List<T> items) {
        return new ItemList<>(release, items.size(), items);
    }
}
