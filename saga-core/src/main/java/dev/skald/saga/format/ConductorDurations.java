package dev.skald.saga.format;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conductor's WAIT durations ({@code 10 seconds}, {@code 5m}, {@code 1 day 2 hours}). Skald's own syntax is
 * {@link dev.skald.saga.definition.Durations}.
 */
final class ConductorDurations {
    /** Each unit at most once, from the largest. */
    private static final Pattern CONDUCTOR = Pattern.compile(
            "\\s*(?:(\\d{1,9})\\s*(?:days?|d))?\\s*(?:(\\d{1,9})\\s*(?:hours?|hrs?|h))?"
                    + "\\s*(?:(\\d{1,9})\\s*(?:minutes?|mins?|m))?\\s*(?:(\\d{1,9})\\s*(?:seconds?|secs?|s))?\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final List<Duration> CONDUCTOR_UNITS =
            List.of(Duration.ofDays(1), Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofSeconds(1));

    private ConductorDurations() {
    }

    /** A Conductor WAIT duration ({@code 10 seconds}, {@code 1d 2h}), if the text is one. */
    static Optional<Duration> parse(String text) {
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
}
