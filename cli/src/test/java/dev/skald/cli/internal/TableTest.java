package dev.skald.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void alignsColumnsOnTheWidestValueAndShowsNullAsDash() {
        String table = Table.with("SAGA", "STATUS", "ERROR").row("order-1001", "COMPLETED", null)
                .row("o-2", "FAILED", "card declined").render();

        assertThat(table).isEqualTo("""
                SAGA        STATUS     ERROR
                order-1001  COMPLETED  -
                o-2         FAILED     card declined
                """);
    }

    @Test
    void escapesControlCharactersSoAValueCannotRewriteTheTerminal() {
        String table = Table.with("REASON").row("bad\u001b[2K\rall good\n").render();

        assertThat(table).isEqualTo("REASON\nbad\\u001b[2K\\u000dall good\\u000a\n");
    }

    @Test
    void refusesARowOfTheWrongWidth() {
        assertThatThrownBy(() -> Table.with("A", "B").row("x")).isInstanceOf(IllegalArgumentException.class);
    }
}
