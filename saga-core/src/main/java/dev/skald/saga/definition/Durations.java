package dev.skald.saga.definition;

import dev.skald.saga.format.Printable;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Skald's one duration syntax, for definitions, configuration, query parameters and command-line options alike: a
 * whole number and one unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}; units in lower case, no
 * space between) or ISO-8601 ({@code PT30S}, {@code P1DT2H}). Whitespace around the text is ignored.
 *
 * <pre>{@code
 * Duration timeout = Durations.parse("30s");           // checked: 0 to Bounds.MAX_DURATION
 * Optional<Duration> any = Durations.read("PT-5S");    // the syntax alone: here -5 seconds
 * String text = Durations.format(Duration.ofHours(48)); // "2d", which both read back
 * }</pre>
 */
public final class Durations {
    /** The spellings, as error messages name them. */
    public static final String SPELLINGS = "a number and a unit (500ms, 30s, 5m, 2h, 1d) or ISO-8601 (PT30S)";

    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final List<Unit> UNITS = List.of(new Unit("d", Duration.ofDays(1)), new Unit("h", Duration.ofHours(1)),
            new Unit("m", Duration.ofMinutes(1)), new Unit("s", Duration.ofSeconds(1)), new Unit("ms", Duration.ofMillis(1)));
    /** Beyond this, milliseconds overflow a long; such durations are written in ISO-8601. */
    private static final Duration LONGEST_IN_UNITS = Duration.ofMillis(Long.MAX_VALUE);

    private Durations() {
    }

    /**
     * The duration {@code text} spells, checked: not negative and at most {@link Bounds#MAX_DURATION}.
     *
     * @throws IllegalArgumentException saying what is wrong, with the text quoted (control characters escaped): it is
     *                                  not a duration, it is negative, or it is longer than the longest duration
     */
    public static Duration parse(String text) {
        Objects.requireNonNull(text, "text can't be null");
        Reading reading = reading(text);
        if (reading.tooLong() || reading.duration() != null && reading.duration().compareTo(Bounds.MAX_DURATION) > 0) {
            throw new IllegalArgumentException(Printable.quoted(text) + " is longer than the longest duration, "
                    + Bounds.MAX_DURATION.toDays() + " days");
        }
        if (reading.duration() == null) {
            throw new IllegalArgumentException(notADuration(text));
        }
        if (reading.duration().isNegative()) {
            throw new IllegalArgumentException(Printable.quoted(text) + " is negative; a duration is 0 or more");
        }
        return reading.duration();
    }

    /**
     * The duration {@code text} spells, by the syntax alone: it may be negative ({@code -PT5S}) or longer than the
     * bounds, for callers that check values themselves and report them at their place (definitions do). Empty when the
     * text is not a duration or does not fit a {@link Duration}.
     */
    public static Optional<Duration> read(String text) {
        Objects.requireNonNull(text, "text can't be null");
        return Optional.ofNullable(reading(text).duration());
    }

    /** The message for text that is not a duration: the text quoted, and the {@link #SPELLINGS}. */
    public static String notADuration(String text) {
        return Printable.quoted(text) + " is not a duration; write " + SPELLINGS;
    }

    /**
     * The shortest spelling both {@link #read} and {@link #parse} read back equal: the largest unit that divides the
     * duration ({@code 90s}, {@code 2d}, {@code 0s}), or ISO-8601 when none does (negative or sub-millisecond).
     */
    public static String format(Duration duration) {
        Objects.requireNonNull(duration, "duration can't be null");
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

    private static Reading reading(String text) {
        String trimmed = text.strip();
        Matcher m = SHORT.matcher(trimmed);
        if (m.matches()) {
            try {
                return new Reading(unit(m.group(2)).multipliedBy(Long.parseLong(m.group(1))), false);
            } catch (NumberFormatException | ArithmeticException tooLong) {
                return new Reading(null, true);
            }
        }
        if (trimmed.startsWith("P") || trimmed.startsWith("p") || trimmed.startsWith("-P")
                || trimmed.startsWith("-p") || trimmed.startsWith("+P") || trimmed.startsWith("+p")) {
            try {
                return new Reading(Duration.parse(trimmed), false);
            } catch (DateTimeParseException notIso) {
                return new Reading(null, notIso.getCause() instanceof ArithmeticException
                        || notIso.getCause() instanceof NumberFormatException);
            }
        }
        return new Reading(null, false);
    }

    private static Duration unit(String symbol) {
        return UNITS.stream().filter(u -> u.symbol().equals(symbol)).findFirst().orElseThrow().length();
    }

    /** What the syntax made of a text: a duration, or none (and whether because it overflows). */
    private record Reading(Duration duration, boolean tooLong) {
    }

    private record Unit(String symbol, Duration length) {
    }
}
