package dev.skald.orchestrator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The recent failures of this instance's stream threads (each one replaced the thread, and re-read the record it
 * failed on). Health reads them: a failure in the last {@link #NOT_READY_FOR} makes the instance not ready; {@link
 * #STALLED_AFTER} failures within {@link #STALLED_WITHIN} mean it is stalled, and not live. Thread-safe.
 */
public final class StreamFailures {
    /** How long after a failure the instance reports not ready. */
    public static final Duration NOT_READY_FOR = Duration.ofSeconds(60);
    /** The window in which {@link #STALLED_AFTER} failures mean the instance makes no progress. */
    public static final Duration STALLED_WITHIN = Duration.ofMinutes(5);
    /** Failures within {@link #STALLED_WITHIN} that mean the instance is stalled. */
    public static final int STALLED_AFTER = 3;

    /**
     * One failure of a stream thread.
     *
     * @param at    when
     * @param error the exception's class and message
     */
    public record Failure(Instant at, String error) {
    }

    private final Deque<Failure> recent = new ArrayDeque<>();
    private long total;

    /** Records a failure of a stream thread at {@code at}. */
    public synchronized void record(Throwable error, Instant at) {
        recent.addLast(new Failure(at, String.valueOf(error)));
        total++;
        while (recent.size() > STALLED_AFTER * 4) {
            recent.removeFirst();
        }
    }

    /** Stream-thread failures since the instance started. */
    public synchronized long total() {
        return total;
    }

    /** Failures in the {@code window} before {@code now}. */
    public synchronized int within(Duration window, Instant now) {
        Instant since = now.minus(window);
        return (int) recent.stream().filter(f -> f.at().isAfter(since)).count();
    }

    /** The latest failure, if any. */
    public synchronized Optional<Failure> last() {
        return Optional.ofNullable(recent.peekLast());
    }

    /** Why the instance is not ready at {@code now}, if a failure is recent. */
    public Optional<String> notReadyReason(Instant now) {
        return within(NOT_READY_FOR, now) == 0 ? Optional.empty()
                : last().map(f -> "a stream thread failed at " + f.at() + " and was replaced: " + f.error());
    }

    /** Why the instance is stalled at {@code now}, if it failed {@link #STALLED_AFTER} times recently. */
    public Optional<String> stalledReason(Instant now) {
        int count = within(STALLED_WITHIN, now);
        return count < STALLED_AFTER ? Optional.empty()
                : last().map(f -> "stalled: stream threads failed " + count + " times in " + STALLED_WITHIN
                        + "; the latest at " + f.at() + ": " + f.error());
    }
}
