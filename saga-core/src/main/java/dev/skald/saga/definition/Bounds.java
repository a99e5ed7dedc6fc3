package dev.skald.saga.definition;

import java.time.Duration;
import java.time.Instant;

/**
 * The bounds every number in a definition keeps, and time arithmetic that cannot overflow. A definition that breaks a
 * bound is refused with a problem naming it; a due time computed from bounded values can still be far away, so
 * {@link #plus} saturates at {@link #LATEST} instead of throwing.
 */
public final class Bounds {
    /** The longest duration a definition may give (a timeout, a wait, a delay): 3650 days. */
    public static final Duration MAX_DURATION = Duration.ofDays(3650);
    /** The most attempts a retry policy may allow. */
    public static final int MAX_ATTEMPTS = 1000;
    /** The most elements a map step runs: a longer list fails the step. */
    public static final int MAX_MAP_ELEMENTS = 10_000;
    /** The highest concurrency a map step may give. */
    public static final int MAX_CONCURRENCY = 1000;
    /** The largest backoff multiplier. */
    public static final double MAX_MULTIPLIER = 100.0;
    /** The latest instant Skald computes: due times past it are clamped to it (9999-12-31T23:59:59Z). */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    /** The earliest instant Skald computes (the epoch): record times before it are clamped to it. */
    public static final Instant EARLIEST = Instant.EPOCH;

    private Bounds() {
    }

    /** {@code at + after}, clamped to {@code [EARLIEST, LATEST]}; never throws for non-null arguments. */
    public static Instant plus(Instant at, Duration after) {
        Instant from = clamp(at);
        if (after.compareTo(Duration.between(from, LATEST)) >= 0) {
            return LATEST;
        }
        if (after.compareTo(Duration.between(from, EARLIEST)) <= 0) {
            return EARLIEST;
        }
        return from.plus(after);
    }

    /** {@code at} clamped to {@code [EARLIEST, LATEST]}. */
    public static Instant clamp(Instant at) {
        return at.isAfter(LATEST) ? LATEST : at.isBefore(EARLIEST) ? EARLIEST : at;
    }

    /** What is wrong with a duration of a definition, or null when it is within bounds. */
    public static String durationProblem(Duration duration) {
        return duration.compareTo(MAX_DURATION) > 0
                ? "must be at most " + MAX_DURATION.toDays() + " days, was " + duration : null;
    }
}
