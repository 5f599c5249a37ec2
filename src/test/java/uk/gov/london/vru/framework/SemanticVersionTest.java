package uk.gov.london.vru.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Parsing and ordering of release versions. */
class SemanticVersionTest {

    @Test
    void parsesMajorMinorPatch() {
        assertEquals(new SemanticVersion(1, 10, 0), SemanticVersion.parse("1.10.0").orElseThrow());
    }

    @Test
    void refusesWhatIsNotASemanticVersion() {
        for (String text : List.of("1.0", "01.0.0", "1.0.0-beta", "latest", "", " 1.0.0", "1.0.0.0", "9999999999.0.0")) {
            assertTrue(SemanticVersion.parse(text).isEmpty(), text);
        }
    }

    @Test
    void ordersNumericallyNotAlphabetically() {
        assertTrue(SemanticVersion.parse("1.10.0").orElseThrow().compareTo(SemanticVersion.parse("1.9.9").orElseThrow()) > 0);
        assertTrue(SemanticVersion.parse("2.0.0").orElseThrow().compareTo(SemanticVersion.parse("10.0.0").orElseThrow()) < 0);
    }
}
