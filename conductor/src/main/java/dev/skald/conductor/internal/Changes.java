package dev.skald.conductor.internal;

import java.time.Duration;

/**
 * Wakes the polls and updates waiting in this process when the bridge has changed a task, so that they read the
 * stores again at once rather than on their next tick.
 */
final class Changes {
    private long version;

    /** Called by the bridge after it has changed its stores. */
    synchronized void signal() {
        version++;
        notifyAll();
    }

    /** Waits until the next change, or at most {@code timeout}. */
    synchronized void await(Duration timeout) throws InterruptedException {
        long seen = version;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (version == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
