package dev.skald.saga.definition;

/** How the delay between attempts of a step grows. */
public enum Backoff {
    /** Every retry waits the initial delay. */
    FIXED,
    /** Retry {@code n} waits {@code initialDelay * multiplier^(n-1)}. */
    EXPONENTIAL,
    /** Retry {@code n} waits {@code initialDelay * multiplier * n}. */
    LINEAR
}
