package uk.gov.london.vru.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.gov.london.vru.common.EmbeddedMariaDb;

/**
 * Runs the container image without a container engine: its layers unpacked in order into a directory, and its
 * entrypoint started there as its user, with its environment and working directory, in a mount and PID namespace
 * of its own ({@code unshare}, {@code chroot}; root only, else skipped). It must become ready against an empty
 * MariaDB (the embedded one this test starts, reached as in production: the application user, and Liquibase as
 * the schema owner) and serve release 1.0.0, running as the image's uid. The image profile runs it
 * ({@code ./mvnw -Pimage verify}, {@code .ci/check-image}).
 */
class ImageRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theImageStartsAsItsUserAndServesTheFramework() throws Exception {
        assumeTrue("0".equals(run("id", "-u").trim()), "unpacking and running an image as its user needs root");
        assumeTrue(Stream.of("/usr/bin/unshare", "/usr/sbin/chroot").allMatch(p -> Files.isExecutable(Path.of(p))),
                "needs unshare and chroot (util-linux, coreutils)");
        String property = System.getProperty("vru.image.tarball");
        assertNotNull(property, "vru.image.tarball is not set: run with -Pimage");

        Path work = Path.of("target", "image", "run").toAbsolutePath();
        run("rm", "-rf", "--one-file-system", work.toString());
        Path layout = Files.createDirectories(work.resolve("oci"));
        Path rootfs = Files.createDirectories(work.resolve("rootfs"));
        run("tar", "-xf", property, "-C", layout.toString());
        JsonNode index = JSON.readTree(Files.readAllBytes(layout.resolve("index.json")));
        JsonNode manifest = JSON.readTree(blob(layout, index.path("manifests").get(0).path("digest").asText()));
        JsonNode config = JSON.readTree(blob(layout, manifest.path("config").path("digest").asText())).path("config");
        for (JsonNode layer : manifest.path("layers")) {
            Path blob = layout.resolve("blobs/sha256/" + layer.path("digest").asText().substring("sha256:".length()));
            // Whiteouts would need an overlay's rules; neither the base nor Jib writes any.
            assertTrue(run("tar", "--warning=no-unknown-keyword", "-tzf", blob.toString()).lines().noneMatch(name -> name.contains(".wh.")),
                    "layer " + blob.getFileName() + " deletes files (whiteouts), which this runner does not apply");
            run("tar", "--warning=no-unknown-keyword", "-xzpf", blob.toString(), "--numeric-owner", "-C", rootfs.toString());
        }

        EmbeddedMariaDb.Connection db = EmbeddedMariaDb.start("test");
        int port = freePort();
        String user = config.path("User").asText();
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork", "--kill-child",
                "sh", "-c", "mount -t proc proc \"$0/proc\" && mount --rbind /dev \"$0/dev\" && exec \"$@\"",
                rootfs.toString(), "env", "-i"));
        config.path("Env").forEach(variable -> command.add(variable.asText()));
        command.addAll(List.of("QUARKUS_HTTP_PORT=" + port,
                "QUARKUS_DATASOURCE_JDBC_URL=" + db.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME=" + db.appUser(), "QUARKUS_DATASOURCE_PASSWORD=" + db.appPassword(),
                "QUARKUS_LIQUIBASE_USERNAME=" + db.ownerUser(), "QUARKUS_LIQUIBASE_PASSWORD=" + db.ownerPassword(),
                "QUARKUS_OIDC_AUTH_SERVER_URL=http://127.0.0.1:9/realms/none",
                "/usr/sbin/chroot", "--userspec=" + (user.contains(":") ? user : user + ":" + user),
                rootfs.toString(), "/usr/bin/env", "--chdir=" + config.path("WorkingDir").asText("/")));
        config.path("Entrypoint").forEach(arg -> command.add(arg.asText()));
        config.path("Cmd").forEach(arg -> command.add(arg.asText()));
        File log = work.resolve("service.log").toFile();
        Process container = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            // Generous: on a loaded 2-core machine the packaged service has been seen to take 145 s to start.
            int ready = awaitStatus(client, "http://127.0.0.1:" + port + "/q/health/ready", container,
                    Duration.ofSeconds(180));
            assertEquals(200, ready, "the service in the image became ready (see " + log + ")");
            HttpResponse<String> release = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/framework/releases/1.0.0")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, release.statusCode());
            assertTrue(release.body().contains("\"version\":\"1.0.0\""), release.body().substring(0, Math.min(200, release.body().length())));
            Optional<ProcessHandle> java = container.descendants()
                    .filter(p -> p.info().command().orElse("").endsWith("/java")).findFirst();
            assertTrue(java.isPresent(), "the JVM is a child of the runner");
            String status = Files.readString(Path.of("/proc", Long.toString(java.get().pid()), "status"));
            String uid = status.lines().filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow()
                    .split("\\s+")[1];
            assertEquals(user.split(":")[0], uid, "the JVM runs as the image's user");
        } finally {
            container.descendants().forEach(ProcessHandle::destroy);
            container.destroy();
            if (!container.waitFor(30, TimeUnit.SECONDS)) {
                container.descendants().forEach(ProcessHandle::destroyForcibly);
                container.destroyForcibly();
            }
        }
    }

    private static int awaitStatus(HttpClient client, String url, Process container, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        int status = 0;
        while (status != 200 && container.isAlive() && Instant.now().isBefore(deadline)) {
            try {
                status = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        return status;
    }

    private static byte[] blob(Path layout, String digest) throws IOException {
        return Files.readAllBytes(layout.resolve("blobs/sha256/" + digest.substring("sha256:".length())));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
        return output;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
