package uk.gov.london.vru.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** UK financial-year quarters: Q1 is April to June. */
class PeriodTest {

    @Test
    void q1IsAprilToJune() {
        Period q1 = Period.parse("2025-26-Q1").orElseThrow();
        assertEquals(LocalDate.of(2025, 4, 1), q1.start());
        assertEquals(LocalDate.of(2025, 6, 30), q1.end());
        assertEquals(LocalDate.of(2025, 7, 30), q1.due(30));
    }

    @Test
    void q4IsJanuaryToMarchOfTheFollowingCalendarYear() {
        Period q4 = Period.parse("2025-26-Q4").orElseThrow();
        assertEquals(LocalDate.of(2026, 1, 1), q4.start());
        assertEquals(LocalDate.of(2026, 3, 31), q4.end());
        assertEquals("2026-27-Q1", q4.next().code());
    }

    @Test
    void theQuarterOfADate() {
        assertEquals("2025-26-Q4", Period.containing(LocalDate.of(2026, 3, 31)).code());
        assertEquals("2026-27-Q1", Period.containing(LocalDate.of(2026, 4, 1)).code());
        assertEquals("2026-27-Q3", Period.containing(LocalDate.of(2026, 11, 29)).code());
        assertEquals("2028-29-Q4", Period.containing(LocalDate.of(2029, 2, 29 - 1)).code());
    }

    @Test
    void onlyCanonicalCodesParse() {
        for (String code : List.of("2025-27-Q1", "2025-26-Q5", "2025-26-Q0", "2025/26-Q1", "25-26-Q1", "2025-26-q1",
                "", "1999-00-Q1", "2099-00-Q1x")) {
            assertTrue(Period.parse(code).isEmpty(), code);
        }
        assertEquals("2099-00-Q2", Period.parse("2099-00-Q2").orElseThrow().code());
    }
}
