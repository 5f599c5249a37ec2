package uk.gov.london.vru.common;

import java.sql.SQLException;
import java.util.OptionalInt;

/** The MariaDB error behind an exception, wherever in its causes the driver put it. */
public final class SqlErrors {

    /** A unique key already holds the value. */
    public static final int DUPLICATE_KEY = 1062;

    private SqlErrors() {
    }

    /** The vendor error code of the first SQLException among the causes. */
    public static OptionalInt code(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return OptionalInt.of(sql.getErrorCode());
            }
        }
        return OptionalInt.empty();
    }

    public static boolean isDuplicateKey(Throwable error) {
        return code(error).orElse(0) == DUPLICATE_KEY;
    }
}
