package dev.skald.saga.format;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as documents write them. */
final class Durations {
    /** A number and one unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}. */
    private static final Pattern SHORT = Pattern.compile("(\\d{1,19})(ms|s|m|h|d)");
    /** Conductor's WAIT durations: {@code 10 seconds}, {@code 5m}, {@code 1 day 2 hours}, each unit at most once. */
    private static final Pattern CONDUCTOR = Pattern.compile(
            "\\s*(?:(\\d{1,9})\\s*(?:days?|d))?\\s*(?:(\\d{1,9})\\s*(?:hours?|hrs?|h))?"
                    + "\\s*(?:(\\d{1,9})\\s*(?:minutes?|mins?|m))?\\s*(?:(\\d{1,9})\\s*(?:seconds?|secs?|s))?\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final List<Duration> CONDUCTOR_UNITS =
            List.of(Duration.ofDays(1), Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofSeconds(1));
    /** Units from the largest, for writing; each with its symbol. */
    private static final List<Unit> UNITS = List.of(new Unit("d", Duration.ofDays(1)), new Unit("h", Duration.ofHours(1)),
            new Unit("m", Duration.ofMinutes(1)), new Unit("s", Duration.ofSeconds(1)), new Unit("ms", Duration.ofMillis(1)));

    /** Beyond this, milliseconds overflow a long; such durations are written in ISO-8601. */
    private static final Duration LONGEST_IN_UNITS = Duration.ofMillis(Long.MAX_VALUE);

    private Durations() {
    }

    /** A native duration ({@code 30s} or ISO-8601 {@code PT30S}), if the text is one. */
    static Optional<Duration> parse(String text) {
        Matcher m = SHORT.matcher(text);
        if (m.matches()) {
            return times(unit(m.group(2)), m.group(1));
        }
        if (text.startsWith("P") || text.startsWith("p") || text.startsWith("-P") || text.startsWith("-p")) {
            try {
                return Optional.of(Duration.parse(text));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A Conductor WAIT duration ({@code 10 seconds}, {@code 1d 2h}), if the text is one. */
    static Optional<Duration> parseConductor(String text) {
        Matcher m = CONDUCTOR.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        boolean any = false;
        for (int group = 1; group <= CONDUCTOR_UNITS.size(); group++) {
            if (m.group(group) != null) {
                any = true;
                total = total.plus(CONDUCTOR_UNITS.get(group - 1).multipliedBy(Long.parseLong(m.group(group))));
            }
        }
        return any ? Optional.of(total) : Optional.empty();
    }

    /** The shortest native spelling: the largest unit that divides the duration, or ISO-8601 when none does. */
    static String format(Duration duration) {
        if (duration.isNegative() || duration.getNano() % 1_000_000 != 0 || duration.compareTo(LONGEST_IN_UNITS) > 0) {
            return duration.toString();
        }
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        for (Unit unit : UNITS) {
            long unitMillis = unit.length().toMillis();
            if (millis % unitMillis == 0) {
                return millis / unitMillis + unit.symbol();
            }
        }
        return millis + "ms";
    }

    private static Duration unit(String symbol) {
        return UNITS.stream().filter(u -> u.symbol().equals(symbol)).findFirst().orElseThrow().length();
    }

    /** The unit times the count, or empty when that does not fit a Duration. */
    private static Optional<Duration> times(Duration unit, String count) {
        try {
            return Optional.of(unit.multipliedBy(Long.parseLong(count)));
        } catch (NumberFormatException | ArithmeticException tooLarge) {
            return Optional.empty();
        }
    }

    private record Unit(String symbol, Duration length) {
    }
}
