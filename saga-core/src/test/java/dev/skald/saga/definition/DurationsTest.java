package dev.skald.saga.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "5m, PT5M", "2h, PT2H", "1d, PT24H", "PT10M, PT10M", "' pt10m ', PT10M",
        "P1DT2H, PT26H", "0s, PT0S", "3650d, PT87600H"})
    void theDocumentedSpellingsAreRead(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
        assertThat(Durations.read(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "", "10 minutes", "30 s", "5M", "1.5h", "P1Y", "-5s", "5x"})
    void textThatIsNotADurationIsRefusedWithTheSpellingsThatWork(String text) {
        assertThat(Durations.read(text)).isEmpty();
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a duration; write a number and a unit (500ms, 30s, 5m, 2h, 1d)"
                        + " or ISO-8601 (PT30S)");
    }

    @Test
    void aNegativeDurationIsReadByTheSyntaxButRefusedByTheCheckedParse() {
        assertThat(Durations.read("-PT5S")).contains(Duration.ofSeconds(-5));
        assertThatThrownBy(() -> Durations.parse("-PT5S")).hasMessage("'-PT5S' is negative; a duration is 0 or more");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3651d", "P3651D", "9223372036854775807d", "92233720368547758070s",
        "PT99999999999999999999H"})
    void aDurationLongerThanTheBoundIsRefusedNamingIt(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .hasMessage("'" + text + "' is longer than the longest duration, 3650 days");
    }

    @Test
    void controlCharactersAreEscapedAndLongTextIsCutInMessages() {
        assertThatThrownBy(() -> Durations.parse("5\u001b[2Jm")).hasMessageStartingWith("'5\\u001b[2Jm' is not");
        assertThatThrownBy(() -> Durations.parse("x".repeat(200))).hasMessageStartingWith("'" + "x".repeat(80) + "...'");
    }

    @ParameterizedTest
    @CsvSource({"PT0S, 0s", "PT0.001S, 1ms", "PT1.5S, 1500ms", "PT45S, 45s", "PT90S, 90s", "PT2M, 2m", "PT1H, 1h",
        "PT25H, 25h", "PT48H, 2d", "PT0.0000001S, PT0.0000001S", "PT-5S, PT-5S"})
    void durationsAreWrittenInTheLargestUnitThatDividesThem(Duration duration, String written) {
        assertThat(Durations.format(duration)).isEqualTo(written);
        assertThat(Durations.read(written)).contains(duration);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 999, 1000, 59_999, 60_000, 3_600_000, 86_400_000, 86_400_001, Long.MAX_VALUE})
    void everyWrittenDurationReadsBackEqual(long millis) {
        Duration duration = Duration.ofMillis(millis);

        assertThat(Durations.read(Durations.format(duration))).contains(duration);
    }
}
