package dev.skald.testkit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes. */
public final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(25);

    private Poll() {
    }

    /**
     * Returns once {@code condition} holds; throws {@link IllegalStateException} with {@code failure}'s message if it
     * still does not after {@code timeout}.
     */
    public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> failure) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(failure.get() + " (after " + timeout.toMillis() + " ms)");
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling", e);
        }
    }
}
