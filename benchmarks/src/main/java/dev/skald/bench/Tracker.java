package dev.skald.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;

/**
 * What happened to each saga in flight: when it was meant to start, when the participant handled each step's
 * command, and when its outcome was seen. Per-step latency is the time from the previous step's command being
 * handled (or the saga's intended start) to this step's command being handled; "finish" is the last command to
 * the outcome. Thread-safe.
 */
final class Tracker {
    private final int steps;
    private final Map<String, Pending> marks = new ConcurrentHashMap<>();
    private final AtomicLong completed = new AtomicLong();
    private volatile Window window;

    Tracker(int steps) {
        this.steps = steps;
        this.window = new Window(steps);
    }

    /** A saga meant to start at {@code intendedNanos}; {@code onFinish} runs when its outcome is seen. */
    void submitted(String sagaId, long intendedNanos, Runnable onFinish) {
        AtomicLongArray times = new AtomicLongArray(steps + 1);
        times.set(0, intendedNanos);
        marks.put(sagaId, new Pending(times, onFinish));
    }

    /** The participant handled the command of step {@code step} (from 1). */
    void handled(String sagaId, int step) {
        Pending pending = marks.get(sagaId);
        if (pending != null) {
            pending.times().set(step, System.nanoTime());
        }
    }

    /** The saga's outcome was seen; false if it was not tracked (or seen before). */
    boolean finished(String sagaId) {
        Pending pending = marks.remove(sagaId);
        if (pending == null) {
            return false;
        }
        window.record(pending.times(), System.nanoTime());
        completed.incrementAndGet();
        pending.onFinish().run();
        return true;
    }

    /** Sagas finished since this tracker was made. */
    long completed() {
        return completed.get();
    }

    /** Sagas submitted and not finished. */
    int inFlight() {
        return marks.size();
    }

    /** Starts a new measurement window; returns the one that ends. */
    Window newWindow() {
        Window ended = window;
        window = new Window(steps);
        return ended;
    }

    private record Pending(AtomicLongArray times, Runnable onFinish) {
    }

    /** Latencies recorded in one window. */
    static final class Window {
        private final Histogram endToEnd = Latency.micros();
        private final Histogram[] segments;

        Window(int steps) {
            segments = new Histogram[steps + 1];
            for (int i = 0; i < segments.length; i++) {
                segments[i] = Latency.micros();
            }
        }

        synchronized void record(AtomicLongArray times, long now) {
            Latency.record(endToEnd, now - times.get(0));
            long previous = times.get(0);
            for (int s = 1; s < times.length(); s++) {
                long at = times.get(s);
                if (at == 0) {
                    return;
                }
                Latency.record(segments[s - 1], at - previous);
                previous = at;
            }
            Latency.record(segments[segments.length - 1], now - previous);
        }

        synchronized Latency endToEnd() {
            return Latency.of(endToEnd);
        }

        /** Step 1..n, then the last command to the outcome. */
        synchronized java.util.List<Latency> segments() {
            return java.util.Arrays.stream(segments).map(Latency::of).toList();
        }
    }
}
