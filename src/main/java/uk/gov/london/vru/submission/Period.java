package uk.gov.london.vru.submission;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A UK financial-year quarter, the one period type of the service. Q1 is April to June. Its canonical code names
 * the financial year and the quarter: {@code 2025-26-Q1} is 1 April to 30 June 2025.
 */
public record Period(int startYear, int quarter) implements Comparable<Period> {

    private static final Pattern CODE = Pattern.compile("(\\d{4})-(\\d{2})-Q([1-4])");

    public Period {
        if (quarter < 1 || quarter > 4 || startYear < 2000 || startYear > 2999) {
            throw new IllegalArgumentException("Not a financial-year quarter: " + startYear + " Q" + quarter);
        }
    }

    /** The period a code names, or empty when it is not a canonical period code. */
    public static Optional<Period> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        Matcher matcher = CODE.matcher(code);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int start = Integer.parseInt(matcher.group(1));
        if (Integer.parseInt(matcher.group(2)) != (start + 1) % 100 || start < 2000 || start > 2999) {
            return Optional.empty();
        }
        return Optional.of(new Period(start, Integer.parseInt(matcher.group(3))));
    }

    /** The quarter a date falls in. */
    public static Period containing(LocalDate date) {
        int month = date.getMonthValue();
        int startYear = month >= 4 ? date.getYear() : date.getYear() - 1;
        int quarter = month >= 4 ? (month - 4) / 3 + 1 : 4;
        return new Period(startYear, quarter);
    }

    public String code() {
        return String.format("%d-%02d-Q%d", startYear, (startYear + 1) % 100, quarter);
    }

    public LocalDate start() {
        return LocalDate.of(startYear, 4, 1).plusMonths(3L * (quarter - 1));
    }

    public LocalDate end() {
        return start().plusMonths(3).minusDays(1);
    }

    /** When the return is due: a number of days after the quarter ends. */
    public LocalDate due(int daysAfterEnd) {
        return end().plusDays(daysAfterEnd);
    }

    public Period next() {
        return quarter == 4 ? new Period(startYear + 1, 1) : new Period(startYear, quarter + 1);
    }

    @Override
    public int compareTo(Period other) {
        return start().compareTo(other.start());
    }

    @Override
    public String toString() {
        return code();
    }
}
