package uk.gov.london.vru.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.gov.london.vru.testsupport.Organisations;

/**
 * The application's own database user (the service's datasource) cannot change or remove audit events, and has
 * rights on every other table: the grants made by db/changelog/900-grants.xml.
 */
@QuarkusTest
class DatabaseGrantsTest {

    static final int COMMAND_DENIED = 1142;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.username")
    String appUser;

    @ConfigProperty(name = "quarkus.liquibase.username")
    java.util.Optional<String> ownerUser;

    @Test
    void theApplicationConnectsAsADifferentUserThanTheSchemaOwner() {
        assertNotEquals(ownerUser.orElse(appUser), appUser, "the append-only audit needs an application user that is not the owner");
    }

    @Test
    void theApplicationUserCannotUpdateOrDeleteAuditEvents() throws SQLException {
        Organisations.createPartner(); // at least one event exists
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            SQLException update = assertThrows(SQLException.class,
                    () -> statement.executeUpdate("UPDATE audit_event SET actor = 'forged'"));
            assertEquals(COMMAND_DENIED, update.getErrorCode(), update.getMessage());
            SQLException delete = assertThrows(SQLException.class,
                    () -> statement.executeUpdate("DELETE FROM audit_event"));
            assertEquals(COMMAND_DENIED, delete.getErrorCode(), delete.getMessage());
            try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM audit_event")) {
                assertTrue(count.next() && count.getLong(1) > 0);
            }
        }
    }

    @Test
    void everyTableHasTheApplicationsRightsAndTheAuditTrailOnlyReadAndAppend() throws SQLException {
        Map<String, Set<String>> rights = new TreeMap<>();
        List<String> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = DATABASE() AND table_name NOT LIKE 'DATABASECHANGELOG%'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1).toLowerCase());
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT table_name, privilege_type FROM "
                    + "information_schema.table_privileges WHERE table_schema = DATABASE()")) {
                while (rows.next()) {
                    rights.computeIfAbsent(rows.getString(1).toLowerCase(), t -> new TreeSet<>()).add(rows.getString(2));
                }
            }
        }
        assertTrue(tables.contains("audit_event"));
        for (String table : tables) {
            Set<String> expected = Set.of("audit_event", "submission_revision").contains(table)
                    ? Set.of("INSERT", "SELECT")
                    : Set.of("DELETE", "INSERT", "SELECT", "UPDATE");
            assertEquals(new TreeSet<>(expected), rights.getOrDefault(table, Set.of()), "rights on " + table);
        }
    }
}
