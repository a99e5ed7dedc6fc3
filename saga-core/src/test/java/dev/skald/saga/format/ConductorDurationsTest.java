package dev.skald.saga.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConductorDurationsTest {

    @ParameterizedTest
    @CsvSource({"10 seconds, PT10S", "5m, PT5M", "1 day, PT24H", "2 days, PT48H", "1d 2h, PT26H", "3 hrs, PT3H",
        "1 hour 30 minutes, PT1H30M", "30 secs, PT30S", "1 MINUTE, PT1M"})
    void conductorWaitDurationsAreRead(String text, Duration expected) {
        assertThat(ConductorDurations.parse(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "ten seconds", "5 weeks", "2h 1d"})
    void textThatIsNotAConductorDurationIsRefused(String text) {
        assertThat(ConductorDurations.parse(text)).isEmpty();
    }
}
