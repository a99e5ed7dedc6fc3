package dev.skald.cli.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads durations as people write them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601. */
public final class Durations implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /**
     * The duration {@code text} names; throws {@link IllegalArgumentException} with a hint when it is not one, is
     * negative, or is too long to compute with.
     */
    public static Duration parse(String text) {
        Duration duration;
        try {
            duration = read(text);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(Printable.quoted(text) + " is too long a duration", e);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException(Printable.quoted(text) + " is negative; a duration is 0 or more");
        }
        return duration;
    }

    private static Duration read(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Matcher simple = SIMPLE.matcher(trimmed);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(Printable.quoted(text) + " is not a duration; write a number and a "
                    + "unit (500ms, 30s, 5m, 2h, 1d) or ISO-8601 (PT30S)", e);
        }
    }
}
