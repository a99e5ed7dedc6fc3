package dev.skald.conductor.internal;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Wakes the polls waiting on the bridge's stores when they change, by task type: a change to tasks of one type
 * wakes only the polls of that type, so that each bridge record costs the store reads of the polls it concerns, not
 * of every waiting poll. A change of the bridge's state (a rebalance) wakes every poll.
 */
final class Changes {
    private final ConcurrentMap<String, Signal> byType = new ConcurrentHashMap<>();

    /** Called when the bridge's state changes: every waiting poll looks again. */
    void signal() {
        byType.values().forEach(Signal::fire);
    }

    /** Called by the bridge after it has changed tasks of this type. */
    void signal(String taskType) {
        Signal signal = byType.get(taskType);
        if (signal != null) {
            signal.fire();
        }
    }

    /**
     * Waits until the next change to tasks of this type (or of the bridge's state), or at most {@code timeout}.
     *
     * @return whether a change came before the timeout
     */
    boolean await(String taskType, Duration timeout) throws InterruptedException {
        return byType.computeIfAbsent(taskType, t -> new Signal()).await(timeout);
    }

    /** A version counter and its monitor. */
    private static final class Signal {
        private long version;

        synchronized void fire() {
            version++;
            notifyAll();
        }

        synchronized boolean await(Duration timeout) throws InterruptedException {
            long seen = version;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (version == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}
