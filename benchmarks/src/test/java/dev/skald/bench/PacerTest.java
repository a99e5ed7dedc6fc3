package dev.skald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacerTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void releasesRequestsAtTheRateFromTheStart() {
        Pacer pacer = new Pacer(1_000, 100, 1_000);
        assertThat(pacer.dueBy(999)).isZero();
        assertThat(pacer.dueBy(1_000)).isEqualTo(1);
        assertThat(pacer.dueBy(1_000 + SECOND / 2)).isEqualTo(51);
        assertThat(pacer.dueBy(1_000 + SECOND)).isEqualTo(101);
    }

    @Test
    void neverReleasesMoreThanTheTotal() {
        Pacer pacer = new Pacer(0, 1_000, 10);
        assertThat(pacer.dueBy(60 * SECOND)).isEqualTo(10);
        assertThat(pacer.endNanos()).isEqualTo(pacer.intendedNanos(9));
    }

    @Test
    void intendedTimesAreEvenlySpaced() {
        Pacer pacer = new Pacer(500, 4, 8);
        assertThat(pacer.intendedNanos(0)).isEqualTo(500);
        assertThat(pacer.intendedNanos(4)).isEqualTo(500 + SECOND);
        assertThat(pacer.dueBy(pacer.intendedNanos(5))).isEqualTo(6);
    }

    @Test
    void refusesANonPositiveRate() {
        assertThatThrownBy(() -> new Pacer(0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
