package uk.gov.london.vru.testsupport;

import static io.restassured.RestAssured.given;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.restassured.specification.RequestSpecification;
import uk.gov.london.vru.common.DevIdentityProvider;
import uk.gov.london.vru.common.EmbeddedMariaDb;

/**
 * The packaged service ({@code target/quarkus-app}, built by {@code package} before failsafe runs) in a process of
 * its own, in the production profile, against a database the test owns, with tokens from an issuer in the test's
 * JVM: for tests that kill the process, stop it, or take its database away. Its output goes to
 * {@code target/<name>-<n>.log}, one file per start.
 */
public final class PackagedService implements AutoCloseable {

    private static String issuer;

    private final String name;
    private final EmbeddedMariaDb.Connection db;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final int port;
    private Process process;
    private int starts;

    public PackagedService(String name, EmbeddedMariaDb.Connection db) {
        this.name = name;
        this.db = db;
        this.port = freePort();
    }

    /** An extra environment variable for the next start. */
    public PackagedService with(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    /** Launches the service and waits until it is ready (at most four minutes: shared CI machines can be slow). */
    public PackagedService start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(log(++starts));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        // Two users, as in production: the owner migrates and grants, the application writes.
        env.put("QUARKUS_DATASOURCE_USERNAME", db.appUser());
        env.put("QUARKUS_DATASOURCE_PASSWORD", db.appPassword());
        env.put("QUARKUS_LIQUIBASE_USERNAME", db.ownerUser());
        env.put("QUARKUS_LIQUIBASE_PASSWORD", db.ownerPassword());
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer());
        env.put("VRU_RATE_LIMIT_ENABLED", "false");
        env.putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(Duration.ofMinutes(4));
        return this;
    }

    /** Waits until readiness answers 200, failing if the process dies first. */
    public void awaitReady(Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ": see " + log(starts));
            }
            if (status("/q/health/ready") == 200) {
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " is not ready after " + limit + ": see " + log(starts));
    }

    /** The status of a GET without a token, or 0 when nothing answers. */
    public int status(String path) {
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create(baseUri() + path)).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** {@code kill -9}: the process gets no chance to finish anything. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM, as an orchestrator stops a container; returns the exit code. */
    public int terminate() {
        process.destroy();
        return waitFor();
    }

    private int waitFor() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Process process() {
        return process;
    }

    public String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    /** A request to this service whose response must match the contract. */
    public RequestSpecification api() {
        return Api.api().baseUri("http://127.0.0.1").port(port);
    }

    /** A connection to its database as the schema owner (who may read every table). */
    public Connection jdbc() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.ownerUser(), db.ownerPassword());
    }

    /** The log file of the n-th start. */
    public File log(int start) {
        return new File("target/" + name + "-" + start + ".log");
    }

    /** A signed token from the test issuer: {@code role=admin&sub=...}, as the development provider takes them. */
    public static String token(Map<String, String> claims) {
        return given().queryParams(claims).get(issuer() + "/token").then().statusCode(200).extract().asString();
    }

    /**
     * The issuer, started once per JVM. It is the development provider's code under another path, so the
     * production profile accepts it (see {@code DevIdentityProvider#main}); it lives only as long as the tests.
     */
    static synchronized String issuer() {
        if (issuer == null) {
            int issuerPort = freePort();
            try {
                DevIdentityProvider.main(new String[] { Integer.toString(issuerPort), "test-issuer" });
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start the test token issuer", e);
            }
            issuer = "http://127.0.0.1:" + issuerPort + "/test-issuer";
        }
        return issuer;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
