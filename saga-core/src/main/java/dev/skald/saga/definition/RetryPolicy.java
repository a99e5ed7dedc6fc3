package dev.skald.saga.definition;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a step (or a compensation) is attempted and how long it waits between attempts.
 *
 * <p>Jitter is a fraction in {@code [0, 1]}: each delay is spread by up to that fraction either way. The spread is
 * derived from a seed (saga id, step id, attempt) rather than from a random source, so the same inputs always give
 * the same delays and a replay schedules the same timers.
 *
 * @param maxAttempts  attempts in all, at least 1 (1 means no retry)
 * @param backoff      how the delay grows
 * @param initialDelay delay before the first retry
 * @param multiplier   growth factor for {@link Backoff#EXPONENTIAL} and {@link Backoff#LINEAR}, at least 1
 * @param maxDelay     upper bound of any delay
 * @param jitter       spread of each delay, between 0 and 1
 */
public record RetryPolicy(int maxAttempts, Backoff backoff, Duration initialDelay, double multiplier,
                          Duration maxDelay, double jitter) {

    /** Steps: 3 attempts, exponential from 1 s, doubling, at most 1 min, no jitter. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(3, Backoff.EXPONENTIAL, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0.0);

    /** Compensations: 5 attempts, exponential from 1 s, doubling, at most 5 min, no jitter. */
    public static final RetryPolicy DEFAULT_COMPENSATION =
            new RetryPolicy(5, Backoff.EXPONENTIAL, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), 0.0);

    /** A single attempt: no retry. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Backoff.FIXED, Duration.ZERO, 1.0, Duration.ZERO, 0.0);

    public RetryPolicy {
        Objects.requireNonNull(backoff, "backoff can't be null");
        Objects.requireNonNull(initialDelay, "initialDelay can't be null");
        Objects.requireNonNull(maxDelay, "maxDelay can't be null");
    }

    /** {@code maxAttempts} attempts with a fixed delay between them. */
    public static RetryPolicy fixed(int maxAttempts, Duration delay) {
        return new RetryPolicy(maxAttempts, Backoff.FIXED, delay, 1.0, delay, 0.0);
    }

    /** {@code maxAttempts} attempts, the delay doubling from {@code initialDelay} up to {@code maxDelay}. */
    public static RetryPolicy exponential(int maxAttempts, Duration initialDelay, Duration maxDelay) {
        return new RetryPolicy(maxAttempts, Backoff.EXPONENTIAL, initialDelay, 2.0, maxDelay, 0.0);
    }

    /** {@code maxAttempts} attempts, the delay growing by {@code initialDelay} each time, up to {@code maxDelay}. */
    public static RetryPolicy linear(int maxAttempts, Duration initialDelay, Duration maxDelay) {
        return new RetryPolicy(maxAttempts, Backoff.LINEAR, initialDelay, 1.0, maxDelay, 0.0);
    }

    /** This policy with another growth factor. */
    public RetryPolicy withMultiplier(double newMultiplier) {
        return new RetryPolicy(maxAttempts, backoff, initialDelay, newMultiplier, maxDelay, jitter);
    }

    /** This policy with another jitter fraction. */
    public RetryPolicy withJitter(double newJitter) {
        return new RetryPolicy(maxAttempts, backoff, initialDelay, multiplier, maxDelay, newJitter);
    }

    /**
     * The delay after the {@code failedAttempts}-th failed attempt, before the next one.
     *
     * @param failedAttempts attempts used so far in this round, at least 1
     * @param seed           a stable value (for example a hash of saga id, step id and attempt) that picks the jitter
     */
    public Duration delayAfter(int failedAttempts, long seed) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1, was " + failedAttempts);
        }
        double base = switch (backoff) {
            case FIXED -> initialDelay.toMillis();
            case EXPONENTIAL -> initialDelay.toMillis() * Math.pow(multiplier, failedAttempts - 1);
            case LINEAR -> initialDelay.toMillis() * multiplier * failedAttempts;
        };
        double capped = Math.min(base, maxDelay.toMillis());
        double spread = jitter == 0.0 ? 0.0 : capped * jitter * unitInterval(seed);
        return Duration.ofMillis(Math.max(0L, Math.round(capped + spread)));
    }

    /** Maps a seed to a number in [-1, 1), deterministically. */
    private static double unitInterval(long seed) {
        long mixed = seed * 0x9E3779B97F4A7C15L;
        mixed ^= mixed >>> 31;
        return ((mixed >>> 11) * 0x1.0p-53) * 2.0 - 1.0;
    }
}
