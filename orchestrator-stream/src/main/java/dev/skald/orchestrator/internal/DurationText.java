package dev.skald.orchestrator.internal;

import dev.skald.saga.definition.Bounds;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a duration a person types: ISO-8601 ({@code PT5M}) or a number and a unit ({@code 500ms 90s 5m 2h 1d}). */
public final class DurationText {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private DurationText() {
    }

    public static Duration parse(String text) {
        String trimmed = text.trim();
        Matcher m = SHORT.matcher(trimmed);
        Duration parsed;
        if (m.matches()) {
            parsed = units(text, m.group(1), m.group(2));
        } else {
            try {
                parsed = Duration.parse(trimmed);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration: use ISO-8601 (PT5M) or a number"
                        + " and a unit (500ms, 90s, 5m, 2h, 1d)", e);
            }
        }
        if (parsed.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' is negative");
        }
        if (parsed.compareTo(Bounds.MAX_DURATION) > 0) {
            throw new IllegalArgumentException("'" + text + "' is longer than the longest duration, "
                    + Bounds.MAX_DURATION.toDays() + " days");
        }
        return parsed;
    }

    private static Duration units(String text, String count, String unit) {
        try {
            long n = Long.parseLong(count);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } catch (NumberFormatException | ArithmeticException tooLong) {
            throw new IllegalArgumentException("'" + text + "' is longer than the longest duration, "
                    + Bounds.MAX_DURATION.toDays() + " days", tooLong);
        }
    }
}
