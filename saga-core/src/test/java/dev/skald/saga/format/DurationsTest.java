package dev.skald.saga.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"PT0S, 0s", "PT0.001S, 1ms", "PT1.5S, 1500ms", "PT45S, 45s", "PT90S, 90s", "PT2M, 2m", "PT1H, 1h",
        "PT25H, 25h", "PT48H, 2d", "PT0.0000001S, PT0.0000001S", "PT-5S, PT-5S"})
    void durationsAreWrittenInTheLargestUnitThatDividesThem(Duration duration, String written) {
        assertThat(Durations.format(duration)).isEqualTo(written);
        assertThat(Durations.parse(written)).contains(duration);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 999, 1000, 59_999, 60_000, 3_600_000, 86_400_000, 86_400_001, Long.MAX_VALUE})
    void everyWrittenDurationReadsBackEqual(long millis) {
        Duration duration = Duration.ofMillis(millis);

        assertThat(Durations.parse(Durations.format(duration))).contains(duration);
    }

    @ParameterizedTest
    @CsvSource({"10 seconds, PT10S", "5m, PT5M", "1 day, PT24H", "2 days, PT48H", "1d 2h, PT26H", "3 hrs, PT3H",
        "1 hour 30 minutes, PT1H30M", "30 secs, PT30S", "1 MINUTE, PT1M"})
    void conductorWaitDurationsAreRead(String text, Duration expected) {
        assertThat(Durations.parseConductor(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "ten seconds", "5 weeks", "2h 1d"})
    void textThatIsNotAConductorDurationIsRefused(String text) {
        assertThat(Durations.parseConductor(text)).isEmpty();
    }
}
