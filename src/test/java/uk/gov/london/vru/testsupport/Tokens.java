package uk.gov.london.vru.testsupport;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Real signed tokens for tests, minted by the development identity provider that the test profile starts (the
 * service verifies them through its JWKS, exactly as it would a real provider's), and broken ones made from them.
 */
public final class Tokens {

    private Tokens() {
    }

    /** The development provider's issuer URL. */
    public static String issuer() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
    }

    /** A token with these claims: role, organisation, sub, expiresIn, issuer, audience. */
    public static String mint(Map<String, ?> parameters) {
        return given().queryParams(parameters).get(issuer() + "/token").then().statusCode(200).extract().asString();
    }

    public static String role(String role) {
        return mint(Map.of("role", role, "sub", "test-" + role));
    }

    public static String partner(String organisationId) {
        return partner(organisationId, "test-partner-" + organisationId);
    }

    public static String partner(String organisationId, String subject) {
        return mint(Map.of("role", "partner", "organisation", organisationId, "sub", subject));
    }

    public static String admin() {
        return role("admin");
    }

    /** Makes the provider sign with a new key from now on; the old key stays published unless retired. */
    public static String rotate(boolean retireOld) {
        return given().queryParam("retire", retireOld).get(issuer() + "/rotate").then().statusCode(200).extract()
                .asString();
    }

    /** The same claims, unsigned, with {@code "alg": "none"}. */
    public static String unsigned(String token) {
        String[] parts = token.split("\\.");
        String header = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        return header + "." + parts[1] + ".";
    }

    /** The token with its claims changed after signing (an extra role), keeping the original signature. */
    public static String tampered(String token) {
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = claims.replace("\"roles\":[", "\"roles\":[\"admin\",");
        return parts[0] + "." + encode(forged) + "." + parts[2];
    }

    static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Parameters in a stable order, for readable test tables. */
    public static Map<String, Object> claims(Object... keyValues) {
        Map<String, Object> claims = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            claims.put((String) keyValues[i], keyValues[i + 1]);
        }
        return claims;
    }
}
