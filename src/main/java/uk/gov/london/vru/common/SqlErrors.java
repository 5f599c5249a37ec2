package uk.gov.london.vru.common;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.OptionalInt;
import java.util.Set;

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

    /**
     * MariaDB errors that mean the server cannot serve now, whatever the request: too many connections, shutting
     * down, the connection killed, read-only (a replica being promoted), and the client's "cannot connect" and
     * "server gone away" / "lost connection".
     */
    private static final Set<Integer> UNAVAILABLE_CODES = Set.of(1040, 1053, 1927, 1290, 1836, 2002, 2003, 2006,
            2013);

    /**
     * Whether a failure is the database being out of reach (stopped, restarting, unreachable, or no connection free
     * within the pool's acquisition timeout) rather than anything about the request: a retry later may succeed.
     */
    public static boolean isUnavailable(Throwable error) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable cause = error; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof org.hibernate.exception.JDBCConnectionException
                    || cause instanceof java.net.ConnectException || cause instanceof java.net.SocketTimeoutException
                    // Agroal: no connection became free within the acquisition timeout.
                    || cause instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql && ((sql.getSQLState() != null && sql.getSQLState().startsWith("08"))
                    || UNAVAILABLE_CODES.contains(sql.getErrorCode()))) {
                return true;
            }
        }
        return false;
    }
}
