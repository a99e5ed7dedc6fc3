package dev.skald.saga.machine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandIdTest {

    @Test
    void anIdIsReadFromItsEndSoASagaIdMayHoldColons() {
        String id = Command.id("tenant:42/order-1", "charge", 3, CommandKind.COMPENSATION);

        assertThat(CommandId.parse(id)).contains(new CommandId("tenant:42/order-1", "charge", 3,
                CommandKind.COMPENSATION));
        assertThat(CommandId.parse(id).orElseThrow().id()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s:step:1", ":step:1:action", "s:step:0:action", "s:step:x:action",
        "s:step:1:cancel", "s:1step:1:action", "s:step:1234567890:action", "s::1:action", "s p:step:1:action"})
    void anythingElseIsNoCommandId(String id) {
        assertThat(CommandId.parse(id)).isEmpty();
    }
}
