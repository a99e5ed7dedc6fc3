package dev.skald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(latency.p50()).isEqualTo(50.0);
        assertThat(latency.p99()).isEqualTo(99.0);
        assertThat(latency.max()).isEqualTo(100.0);
    }

    @Test
    void aLatencyBeyondTheRangeIsClampedNotRefused() {
        Histogram micros = Latency.micros();
        Latency.record(micros, Long.MAX_VALUE);
        Latency.record(micros, -5);
        assertThat(Latency.of(micros).count()).isEqualTo(2);
    }
}
