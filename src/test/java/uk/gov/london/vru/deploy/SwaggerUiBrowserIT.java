package uk.gov.london.vru.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import uk.gov.london.vru.common.EmbeddedMariaDb;

/**
 * The browser check: Debian's headless Chromium, driven by Playwright ({@code src/test/browser/browser-check.mjs}),
 * uses the packaged service (the real jar, production profile, against the embedded MariaDB this test starts) as a
 * developer and partner portals would: Swagger UI's "Try it out" on the release endpoint shows release 1.0.0; pages
 * from the two origins listed in {@code QUARKUS_HTTP_CORS_ORIGINS} can {@code fetch()} the release, the second after
 * the first filled the browser's cache; a page from another origin is blocked by the browser.
 *
 * <p>Needs {@code node} (20 or later, with npm) and {@code /usr/bin/chromium} ({@code .ci/install-browser} installs
 * Chromium). Without them it is skipped, except in CI ({@code CI=true}), where it fails instead.
 */
class SwaggerUiBrowserIT {

    private static final Path BROWSER_DIR = Path.of("src", "test", "browser");
    private static final Path OUT = Path.of("target", "browser-check");
    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

    @Test
    void swaggerUiTryItOutAndCorsWorkInARealBrowser() throws Exception {
        requireTools();
        Files.createDirectories(OUT);
        installPlaywright();

        EmbeddedMariaDb.Connection db = EmbeddedMariaDb.start("test");
        int port = freePort();
        int portalPort = freePort();
        int secondPortalPort = freePort();
        int otherPort = freePort();
        ProcessBuilder builder = new ProcessBuilder(javaBin(), "-jar",
                Path.of("target", "quarkus-app", "quarkus-run.jar").toString())
                .redirectErrorStream(true)
                .redirectOutput(OUT.resolve("service.log").toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        builder.environment().put("QUARKUS_DATASOURCE_USERNAME", db.appUser());
        builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", db.appPassword());
        builder.environment().put("QUARKUS_LIQUIBASE_USERNAME", db.ownerUser());
        builder.environment().put("QUARKUS_LIQUIBASE_PASSWORD", db.ownerPassword());
        builder.environment().put("QUARKUS_OIDC_AUTH_SERVER_URL", "http://127.0.0.1:9/realms/none");
        // Two partner portals' origins, as a deployment lists its portals; the other origin is not listed.
        builder.environment().put("QUARKUS_HTTP_CORS_ORIGINS",
                "http://127.0.0.1:" + portalPort + ",http://127.0.0.1:" + secondPortalPort);
        Process service = builder.start();
        try {
            awaitRelease(port, service);
            Instant started = Instant.now();
            Run check = run(Duration.ofMinutes(3), OUT.resolve("browser-check.log"), "node",
                    BROWSER_DIR.resolve("browser-check.mjs").toString(),
                    "--api", "http://127.0.0.1:" + port,
                    "--portal-port", Integer.toString(portalPort),
                    "--second-portal-port", Integer.toString(secondPortalPort),
                    "--other-port", Integer.toString(otherPort),
                    "--version", "1.0.0",
                    "--expect-code", "RH-H01",
                    "--chromium", CHROMIUM,
                    "--out", OUT.toString());
            System.out.printf("Browser check (%d s):%n%s", Duration.between(started, Instant.now()).toSeconds(),
                    check.output());
            String why = "the browser check failed (screenshots and logs in " + OUT + "):\n" + check.output();
            assertEquals(0, check.exitCode(), why);
            assertTrue(check.output().contains("PASS swagger-ui: "), why);
            assertTrue(check.output().contains("PASS cors-allowed: "), why);
            assertTrue(check.output().contains("PASS cors-second-portal: "), why);
            assertTrue(check.output().contains("PASS cors-blocked: "), why);
            assertTrue(check.output().contains("4 of 4 checks passed"), why);
        } finally {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor();
            }
        }
    }

    /** Skips the test where node or Chromium is missing, unless in CI, where the check must run. */
    private static void requireTools() throws Exception {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(Path.of(CHROMIUM))) {
            missing.add(CHROMIUM + " (install it with .ci/install-browser, or apt-get install chromium)");
        }
        String node = version("node");
        if (node == null) {
            missing.add("node 20 or later");
        } else if (Integer.parseInt(node.replaceFirst("^v(\\d+).*", "$1")) < 20) {
            missing.add("node 20 or later (found " + node + ")");
        }
        if (version("npm") == null) {
            missing.add("npm");
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "The browser check needs " + String.join(", ", missing);
        if (CI) {
            fail(message + ": CI=true, so it must run");
        }
        Assumptions.abort(message + ": skipped");
    }

    /** Installs the pinned playwright-core (no browser) unless that version is installed already. */
    private static void installPlaywright() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String wanted = json.readTree(BROWSER_DIR.resolve("package-lock.json").toFile())
                .path("packages").path("node_modules/playwright-core").path("version").asText();
        Path installed = BROWSER_DIR.resolve(Path.of("node_modules", "playwright-core", "package.json"));
        if (Files.exists(installed) && wanted.equals(json.readTree(installed.toFile()).path("version").asText())) {
            return;
        }
        Run install = run(Duration.ofMinutes(5), OUT.resolve("npm-ci.log"), "npm", "ci", "--prefix",
                BROWSER_DIR.toString(), "--no-audit", "--no-fund");
        assertEquals(0, install.exitCode(), "npm ci in " + BROWSER_DIR + " failed:\n" + install.output());
    }

    /** Waits until the service serves release 1.0.0 (migrated and loaded), or fails with its log. */
    private static void awaitRelease(int port, Process service) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        int status = 0;
        while (status != 200 && Instant.now().isBefore(deadline) && service.isAlive()) {
            try {
                status = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/framework/releases/1.0.0")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        assertEquals(200, status, "the service serves release 1.0.0 (see " + OUT.resolve("service.log") + ")");
    }

    private record Run(int exitCode, String output) {
    }

    /** Runs a command, its output (stdout and stderr) into a log file, and returns the exit code and output. */
    private static Run run(Duration timeout, Path log, String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            fail(String.join(" ", command) + " took longer than " + timeout + ":\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** The tool's {@code --version}, or null when it cannot be run. */
    private static String version(String tool) {
        try {
            Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 ? output : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
