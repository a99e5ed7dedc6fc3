package dev.skald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void medianOfNothingIsRefused() {
        assertThatThrownBy(() -> Stats.median(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ratioOfAPositiveWhole() {
        assertThat(Stats.ratio(45_000, 150_000)).isEqualTo(0.3);
        assertThat(Stats.ratio(1, 0)).isZero();
    }

    @Test
    void latencyPercentilesAreInMilliseconds() {
        Histogram micros = Latency.micros();
        for (int ms = 1; ms <= 100; ms++) {
            Latency.record(micros, ms * 1_000_000L);
        }
        Latency latency = Latency.of(micros);
        assertThat(latency.count()).isEqualTo(100);
        assertThat(latency.p50()).isCloseTo(50.0, within(0.1));
        assertThat(latency.p99()).isCloseTo(99.0, within(0.1));
        assertThat(latency.max()).isCloseTo(100.0, within(0.1));
        Histogram fast = Latency.micros();
        Latency.record(fast, 40_000);
        assertThat(Latency.of(fast).p50()).isPositive();
    }

    @Test
    void aLatencyBeyondTheRangeIsClampedNotRefused() {
        Histogram micros = Latency.micros();
        Latency.record(micros, Long.MAX_VALUE);
        Latency.record(micros, -5);
        assertThat(Latency.of(micros).count()).isEqualTo(2);
    }
}
