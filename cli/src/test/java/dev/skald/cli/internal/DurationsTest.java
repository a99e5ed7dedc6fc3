package dev.skald.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void readsUnitsAndIso() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("PT1S")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void refusesNegativeAndOverflowingDurations() {
        assertThatThrownBy(() -> Durations.parse("-PT1S")).hasMessage("'-PT1S' is negative; a duration is 0 or more");
        assertThatThrownBy(() -> Durations.parse("9223372036854775807d"))
                .hasMessage("'9223372036854775807d' is too long a duration");
        assertThatThrownBy(() -> Durations.parse("92233720368547758070s"))
                .hasMessage("'92233720368547758070s' is too long a duration");
    }

    @Test
    void refusesTextWithAHint() {
        assertThatThrownBy(() -> Durations.parse("10 minutes")).hasMessageContaining("(500ms, 30s, 5m, 2h, 1d)");
    }
}
