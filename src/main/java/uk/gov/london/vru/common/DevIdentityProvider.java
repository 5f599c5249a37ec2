package uk.gov.london.vru.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A development-only OpenID provider for the dev and test profiles: it makes an RSA signing key when it starts,
 * publishes the discovery document and JWKS that quarkus-oidc verifies tokens with, and mints tokens for any role
 * on request ({@code GET /vru-dev-issuer/token?role=admin}). Its keys exist only in memory. Its issuer URL contains
 * {@value #MARKER}, which the production profile refuses to trust.
 */
public final class DevIdentityProvider {

    /** Marks every URL of this provider; production refuses an issuer that contains it. */
    public static final String MARKER = "vru-dev-issuer";
    /** The audience this provider's tokens name by default, as the service expects. */
    public static final String AUDIENCE = "vru-outcomes-api";
    private static final String URL_PROPERTY = "vru.dev-identity.running-url";
    private static final Logger LOG = Logger.getLogger(DevIdentityProvider.class);

    private final String issuer;
    private final List<RsaJsonWebKey> keys = new CopyOnWriteArrayList<>();

    private DevIdentityProvider(String issuer) throws JoseException {
        this.issuer = issuer;
        rotate(false);
    }

    /**
     * Runs a provider on its own, for benchmarks against the packaged service: {@code java -cp ...
     * uk.gov.london.vru.common.DevIdentityProvider PORT PATH}. It is not the development provider the dev profile
     * starts (its path is the one given), so production does not refuse it; never point a real deployment at it.
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String path = args.length > 1 ? args[1] : "benchmark-issuer";
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        String issuer = "http://127.0.0.1:" + port + "/" + path;
        DevIdentityProvider provider = new DevIdentityProvider(issuer);
        server.createContext("/" + path, exchange -> provider.handle(exchange, path));
        server.start();
        System.out.println(issuer);
    }

    /** Starts the provider once per JVM (dev reloads reuse it) and returns its issuer URL. */
    public static String start(int port) {
        synchronized (System.class) {
            String running = System.getProperty(URL_PROPERTY);
            if (running != null) {
                return running;
            }
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
                String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + MARKER;
                DevIdentityProvider provider = new DevIdentityProvider(issuer);
                server.createContext("/" + MARKER, exchange -> provider.handle(exchange, MARKER));
                server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
                    Thread thread = new Thread(runnable, "dev-identity-provider");
                    thread.setDaemon(true);
                    return thread;
                }));
                server.start();
                System.setProperty(URL_PROPERTY, issuer);
                LOG.infof("Development identity provider at %s (tokens: %s/token?role=admin)", issuer, issuer);
                return issuer;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the development identity provider on port " + port, e);
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void rotate(boolean retireOld) throws JoseException {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(UUID.randomUUID().toString());
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        key.setUse("sig");
        if (retireOld) {
            keys.clear();
        }
        keys.add(0, key);
    }

    private void handle(HttpExchange exchange, String base) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(base.length() + 1);
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            switch (path) {
                case "/.well-known/openid-configuration" -> send(exchange, 200, "application/json", String.format(
                        "{\"issuer\":\"%1$s\",\"jwks_uri\":\"%1$s/jwks\",\"token_endpoint\":\"%1$s/token\","
                                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                                + "\"response_types_supported\":[\"token\"],\"subject_types_supported\":[\"public\"]}",
                        issuer));
                case "/jwks" -> send(exchange, 200, "application/json",
                        new JsonWebKeySet(new ArrayList<JsonWebKey>(keys))
                                .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
                case "/token" -> send(exchange, 200, "text/plain", mint(query));
                case "/rotate" -> {
                    rotate(Boolean.parseBoolean(query.getOrDefault("retire", "false")));
                    send(exchange, 200, "text/plain", keys.get(0).getKeyId());
                }
                default -> send(exchange, 404, "text/plain", "not found");
            }
        } catch (JoseException | RuntimeException e) {
            send(exchange, 400, "text/plain", String.valueOf(e.getMessage()));
        }
    }

    /**
     * A signed access token. Parameters: {@code role} (repeatable, comma-separated), {@code organisation},
     * {@code sub}, {@code expiresIn} seconds (negative for an expired token), {@code issuer} and {@code audience}
     * (to make tokens the service must refuse).
     */
    private String mint(Map<String, String> query) throws JoseException {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(query.getOrDefault("issuer", issuer));
        claims.setAudience(query.getOrDefault("audience", AUDIENCE));
        claims.setSubject(query.getOrDefault("sub", "dev-" + query.getOrDefault("role", "user")));
        long expiresIn = Long.parseLong(query.getOrDefault("expiresIn", "3600"));
        long now = System.currentTimeMillis() / 1000;
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(now + expiresIn));
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(Math.min(now, now + expiresIn - 60)));
        claims.setGeneratedJwtId();
        claims.setStringListClaim("roles", List.of(query.getOrDefault("role", "").split(",")));
        if (query.containsKey("organisation")) {
            claims.setStringClaim("organisation", query.get("organisation"));
        }
        if (query.containsKey("name")) {
            claims.setStringClaim("name", query.get("name"));
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        RsaJsonWebKey key = keys.get(0);
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        return jws.getCompactSerialization();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
