package dev.skald.participant;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ParticipantBuilderTest {

    @Test
    void aNameMustBeUsableInATopicName() {
        assertThatThrownBy(() -> Participant.named("in ventory"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("participant name 'in ventory' must be letters, digits");
    }

    @Test
    void aCommandTypeHasOneHandler() {
        Participant.Builder builder = Participant.named("inventory")
                .handle("ReserveStock", Map.class, (cmd, ctx) -> Reply.success());

        assertThatThrownBy(() -> builder.handle("ReserveStock", Map.class, (cmd, ctx) -> Reply.success()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("command type 'ReserveStock' already has a handler in participant inventory");
    }

    @Test
    void startNeedsAConfigurationAndAHandler() {
        assertThatThrownBy(() -> Participant.named("inventory")
                .handle("ReserveStock", Map.class, (cmd, ctx) -> Reply.success()).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("participant inventory has no configuration");
        assertThatThrownBy(() -> Participant.named("inventory")
                .config(ParticipantConfig.builder("localhost:1").build()).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("participant inventory has no handler");
    }

    @Test
    void registrationArgumentsAreChecked() {
        Participant.Builder builder = Participant.named("inventory");

        assertThatThrownBy(() -> builder.handle(" ", Map.class, (cmd, ctx) -> Reply.success()))
                .hasMessage("commandType must not be blank");
        assertThatThrownBy(() -> builder.handle("A", null, (cmd, ctx) -> Reply.success()))
                .hasMessage("payloadType can't be null");
        assertThatThrownBy(() -> builder.handle("A", Map.class, null))
                .hasMessage("handler can't be null");
    }
}
