package uk.gov.london.vru.common;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps as the database stores them (microseconds), so a value reads back exactly as it was written. */
public final class Times {

    private Times() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
