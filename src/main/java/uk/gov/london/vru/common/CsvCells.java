package uk.gov.london.vru.common;

/** CSV cells safe to open in a spreadsheet: text that a spreadsheet would run as a formula is quoted (OWASP). */
public final class CsvCells {

    private CsvCells() {
    }

    /** The value, prefixed with a quote if it starts with =, +, -, @, tab or carriage return; empty for null. */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
