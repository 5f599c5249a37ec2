package uk.gov.london.vru.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static uk.gov.london.vru.testsupport.Api.api;
import static uk.gov.london.vru.testsupport.Tokens.claims;

import java.util.List;

import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.gov.london.vru.testsupport.Tokens;

/** Only a token signed by the provider, for this service, by this issuer, and in date, authenticates. */
@QuarkusTest
class AuthenticationTest {

    static final String ME = "/api/v1/me";

    private static void refused(String token) {
        api().auth().oauth2(token).get(ME).then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("tag:vru.london.gov.uk,2022:problem/unauthorized"));
    }

    @Test
    void aValidTokenIsAccepted() {
        api().auth().oauth2(Tokens.role("commissioner")).get(ME).then().statusCode(200)
                .body("subject", equalTo("test-commissioner"))
                .body("roles", equalTo(List.of("commissioner")));
    }

    @Test
    void noTokenIs401() {
        api().get(ME).then().statusCode(401).header("WWW-Authenticate", equalTo("Bearer"))
                .contentType("application/problem+json");
        api().contentType("application/json").body("{}").post("/api/v1/organisations").then().statusCode(401);
    }

    @Test
    void anExpiredTokenIs401() {
        refused(Tokens.mint(claims("role", "admin", "expiresIn", -120)));
    }

    @Test
    void aTokenFromAnotherIssuerIs401() {
        refused(Tokens.mint(claims("role", "admin", "issuer", "https://login.example.org/realms/other")));
    }

    @Test
    void aTokenForAnotherAudienceIs401() {
        refused(Tokens.mint(claims("role", "admin", "audience", "some-other-api")));
    }

    @Test
    void anUnsignedTokenIs401() {
        refused(Tokens.unsigned(Tokens.admin()));
    }

    @Test
    void aTamperedTokenIs401() {
        refused(Tokens.tampered(Tokens.role("partner")));
    }

    @Test
    void aTokenSignedByAnUnknownKeyIs401() throws Exception {
        RsaJsonWebKey stranger = RsaJwkGenerator.generateJwk(2048);
        stranger.setKeyId("stranger");
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(Tokens.issuer());
        claims.setAudience("vru-outcomes-api");
        claims.setSubject("mallory");
        claims.setExpirationTimeMinutesInTheFuture(10);
        claims.setStringListClaim("roles", List.of("admin"));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(stranger.getPrivateKey());
        jws.setKeyIdHeaderValue(stranger.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        refused(jws.getCompactSerialization());
    }

    @Test
    void garbageIs401() {
        refused("not-a-jwt");
    }

    @Test
    void afterKeyRotationTokensSignedWithTheNewKeyAreAccepted() throws Exception {
        String before = Tokens.admin();
        api().auth().oauth2(before).get(ME).then().statusCode(200);
        Tokens.rotate(false);
        Thread.sleep(1100); // past the forced JWKS refresh interval of the test profile
        api().auth().oauth2(Tokens.admin()).get(ME).then().statusCode(200);
        api().auth().oauth2(before).get(ME).then().statusCode(200);
    }

    @Test
    void publicReadsNeedNoToken() {
        api().get("/api/v1/framework/releases/1.0.0/outcomes/RH-I01").then().statusCode(200);
    }
}
