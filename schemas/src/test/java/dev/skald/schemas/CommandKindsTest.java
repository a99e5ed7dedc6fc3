package dev.skald.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.saga.machine.CommandKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CommandKindsTest {

    @ParameterizedTest
    @EnumSource(CommandKind.class)
    void everyKindTravelsTheWireUnderItsOwnName(CommandKind kind) {
        assertThat(CommandKinds.toWire(kind).name()).isEqualTo(kind.name());
        assertThat(CommandKinds.fromWire(CommandKinds.toWire(kind))).contains(kind);
    }

    @Test
    void aKindTheReaderDoesNotKnowIsNone() {
        assertThat(CommandKinds.fromWire(dev.skald.avro.CommandKind.UNKNOWN)).isEmpty();
        assertThat(CommandKinds.fromWire(null)).isEmpty();
    }
}
