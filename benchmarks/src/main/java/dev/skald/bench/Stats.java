package dev.skald.bench;

import java.util.Collection;
import java.util.List;

/** Small statistics over repeated runs. */
final class Stats {
    private Stats() {
    }

    /** The median (the mean of the two middle values for an even count). */
    static double median(Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    /** {@code part / whole}, or 0 when the whole is not positive. */
    static double ratio(double part, double whole) {
        return whole > 0 ? part / whole : 0;
    }
}
