package dev.skald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void alignsColumnsTextLeftAndNumbersRight() {
        String table = new Table("what", "value").row("sagas/s", 5123.4).row("ratio %", 38.25).render();
        assertThat(table.lines()).containsExactly(
                "what     value",
                "--------------",
                "sagas/s  5,123",
                "ratio %   38.3");
    }

    @Test
    void formatsIntegersWithSeparators() {
        assertThat(Table.text(1_000_000)).isEqualTo("1,000,000");
        assertThat(Table.text(12L)).isEqualTo("12");
        assertThat(Table.text("x")).isEqualTo("x");
    }

    @Test
    void refusesARowOfTheWrongWidth() {
        assertThatThrownBy(() -> new Table("a", "b").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesMillisecondsWithPrecisionForTheirSize() {
        assertThat(Tables.ms(0.043)).isEqualTo("0.04");
        assertThat(Tables.ms(42.25)).isEqualTo("42.3");
        assertThat(Tables.ms(7708.7)).isEqualTo("7,709");
        assertThat(Tables.pair(new Latency(2, 0.1, 0.2, 2.3, 5))).isEqualTo("0.10 / 2.30");
    }
}
