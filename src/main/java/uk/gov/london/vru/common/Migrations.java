package uk.gov.london.vru.common;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.liquibase.LiquibaseFactory;
import io.quarkus.runtime.StartupEvent;
import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;

/**
 * Migrates the database on start, one instance at a time. Liquibase's own lock table does not protect the very
 * first start: instances starting together against an empty database can all create it and all migrate (seen in
 * ConcurrentStartIT). A MariaDB named lock, taken before Liquibase runs, serialises them; those that wait then find
 * nothing left to do. Runs before every other start-up observer (the release loader needs the schema).
 */
@Singleton
public class Migrations {

    private static final Logger LOG = Logger.getLogger(Migrations.class);
    private static final int WAIT_SECONDS = 600;

    @Inject
    LiquibaseFactory liquibaseFactory;

    private volatile boolean done;

    /** Whether this instance has found the schema migrated: scheduled jobs wait for it (see {@link NotMigrated}). */
    public boolean done() {
        return done;
    }

    /**
     * Skips a scheduled job until the schema is migrated. The scheduler starts before this class's start-up
     * observer, so on a first start a job would otherwise query tables that do not exist yet, as a user without
     * rights, every second, until another instance's migration finishes.
     */
    @Singleton
    public static class NotMigrated implements io.quarkus.scheduler.Scheduled.SkipPredicate {

        @Inject
        Migrations migrations;

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !migrations.done();
        }
    }

    /**
     * Liquibase OSS (4.30 and later) sends anonymous usage analytics to its vendor after each command unless told
     * not to, and first fetches its analytics settings over HTTPS. A public-sector service sends nothing to a third
     * party unasked, and on a network without a way out the attempt cost 1.8 s of every start (seen in a start-up
     * profile). Off unless an operator sets {@code liquibase.analytics.enabled} (or LIQUIBASE_ANALYTICS_ENABLED).
     */
    static final String ANALYTICS = "liquibase.analytics.enabled";

    void migrate(@Observes @Priority(1) StartupEvent event) throws Exception {
        if (System.getProperty(ANALYTICS) == null && System.getenv("LIQUIBASE_ANALYTICS_ENABLED") == null) {
            System.setProperty(ANALYTICS, "false");
        }
        try (Liquibase liquibase = liquibaseFactory.createLiquibase()) {
            // Liquibase's own connection (the schema owner's): the application user has no rights until migrated.
            Connection connection = ((JdbcConnection) liquibase.getDatabase().getConnection()).getUnderlyingConnection();
            try (Statement statement = connection.createStatement()) {
                try (ResultSet acquired = statement.executeQuery("SELECT GET_LOCK(CONCAT('vru-migrate-', DATABASE()), "
                        + WAIT_SECONDS + ")")) {
                    if (!acquired.next() || acquired.getInt(1) != 1) {
                        throw new IllegalStateException("No migration lock within " + WAIT_SECONDS + " s");
                    }
                }
                try {
                    liquibase.update(liquibaseFactory.createContexts(), liquibaseFactory.createLabels());
                } finally {
                    statement.execute("SELECT RELEASE_LOCK(CONCAT('vru-migrate-', DATABASE()))");
                }
            }
            done = true;
            LOG.debug("Database migrated");
        }
    }
}
