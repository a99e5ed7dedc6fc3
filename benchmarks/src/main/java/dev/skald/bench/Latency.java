package dev.skald.bench;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a latency distribution, in milliseconds.
 *
 * @param count samples
 * @param p50   median
 * @param p95   95th percentile
 * @param p99   99th percentile
 * @param max   largest sample
 */
record Latency(long count, double p50, double p95, double p99, double max) {

    /** A histogram of microseconds, up to ten minutes, three significant digits. */
    static Histogram micros() {
        return new Histogram(600_000_000L, 3);
    }

    /** The percentiles of a histogram of microseconds. */
    static Latency of(Histogram micros) {
        return new Latency(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(95)), ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()));
    }

    /** Records a duration of nanoseconds (at least 1 µs, at most the histogram's range). */
    static void record(Histogram micros, long nanos) {
        micros.recordValue(Math.min(micros.getHighestTrackableValue(), Math.max(1, nanos / 1000)));
    }

    /** Milliseconds to the microsecond. */
    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
