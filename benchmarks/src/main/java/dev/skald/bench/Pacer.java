package dev.skald.bench;

/**
 * Open-loop pacing at a fixed rate: the i-th request is due at {@code start + i / rate}, whatever happened to the
 * earlier ones. Latency is measured from that intended time, so a stalled system is charged for the requests it
 * delayed (no coordinated omission).
 *
 * @param startNanos   the {@link System#nanoTime()} of request 0
 * @param perSecond    requests per second, positive
 * @param total        requests in the run
 */
record Pacer(long startNanos, double perSecond, long total) {

    Pacer {
        if (perSecond <= 0 || total < 0) {
            throw new IllegalArgumentException("rate must be positive and total not negative");
        }
    }

    /** How many requests are due at {@code nowNanos} (at most {@link #total()}). */
    long dueBy(long nowNanos) {
        if (nowNanos < startNanos) {
            return 0;
        }
        long due = (long) Math.floor((nowNanos - startNanos) / 1e9 * perSecond) + 1;
        return Math.min(total, due);
    }

    /** When request {@code index} is due. */
    long intendedNanos(long index) {
        return startNanos + (long) (index * 1e9 / perSecond);
    }

    /** When the last request is due. */
    long endNanos() {
        return intendedNanos(Math.max(0, total - 1));
    }
}
