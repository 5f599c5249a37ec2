package uk.gov.london.vru.common;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Row ids: RFC 9562 version 7 UUIDs, which begin with the time they were made. InnoDB keeps a table in primary key
 * order and every index in key order, so ids that grow with time append new rows at the end instead of splitting
 * pages at random places, which is what a bulk import of thousands of returns in one transaction does most.
 * The ids stay opaque to clients; they reveal no more than a record's creation time, which the API shows anyway.
 */
public final class Ids {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private Ids() {
    }

    /** A new id, later in order than every id this process made before. */
    public static String next() {
        return GENERATOR.generate().toString();
    }
}
