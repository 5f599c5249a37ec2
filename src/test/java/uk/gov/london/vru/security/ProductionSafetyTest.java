package uk.gov.london.vru.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The rule the production profile starts by: a real identity provider, never the development one. */
class ProductionSafetyTest {

    @Test
    void aRealProviderIsSafe() {
        assertTrue(ProductionSafety.problems(Optional.of("https://login.microsoftonline.com/tenant/v2.0"),
                Optional.empty(), Optional.empty()).isEmpty());
    }

    @Test
    void theDevelopmentProviderOrAStaticKeyOrNoProviderIsRefused() {
        assertEquals(1, ProductionSafety.problems(Optional.of("http://127.0.0.1:8180/vru-dev-issuer"),
                Optional.empty(), Optional.empty()).size());
        assertEquals(1, ProductionSafety.problems(Optional.empty(), Optional.empty(), Optional.empty()).size());
        assertEquals(2, ProductionSafety.problems(Optional.of("https://idp.example/realms/vru"),
                Optional.of("http://127.0.0.1:8180/vru-dev-issuer"), Optional.of("MIIBIjANBg...")).size());
    }
}
