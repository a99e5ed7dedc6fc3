package dev.skald.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ChaosSettingsTest {

    @Test
    void theQuickRunIsTheCiRun() {
        ChaosSettings quick = ChaosSettings.quick(Path.of("x"));

        assertThat(quick.sagas()).isEqualTo(1_000);
        assertThat(quick.freezeFor()).isEqualTo(quick.sessionTimeout().plusSeconds(2));
    }

    @Test
    void aMistakenOptionSaysWhichAndWhy() {
        assertThatThrownBy(() -> new ChaosSettings(0, 25, 1, 3, 2, 2, Duration.ofSeconds(4), Duration.ofSeconds(10),
                Duration.ofMinutes(3), Path.of("x"), Path.of("x.json")))
                .hasMessage("--sagas must be at least 1, was 0");
        assertThatThrownBy(() -> new ChaosSettings(10, 25, 1, 3, 2, 2, Duration.ofSeconds(4), Duration.ofSeconds(3),
                Duration.ofMinutes(3), Path.of("x"), Path.of("x.json")))
                .hasMessageContaining("--session-timeout must be at least 6s");
    }

    @Test
    void durationsReadAsSecondsMillisecondsOrIso() {
        Chaos.DurationConverter converter = new Chaos.DurationConverter();

        assertThat(converter.convert("4s")).isEqualTo(Duration.ofSeconds(4));
        assertThat(converter.convert("750ms")).isEqualTo(Duration.ofMillis(750));
        assertThat(converter.convert("PT1M")).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anUnknownOptionIsRefusedBeforeAnythingStarts() {
        CommandLine command = new CommandLine(new Chaos());
        command.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));

        assertThat(command.execute("--sagaz", "10")).isEqualTo(2);
    }
}
