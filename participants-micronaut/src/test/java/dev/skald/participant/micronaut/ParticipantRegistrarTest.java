package dev.skald.participant.micronaut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.skald.participant.CommandContext;
import dev.skald.participant.Reply;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Startup errors of annotated handlers, found before any participant starts, and the on/off toggle. */
class ParticipantRegistrarTest {

    record Stock(String sku) {
    }

    @SkaldParticipant("inventory")
    @Requires(property = "spec.name", value = "badReturnType")
    static class BadReturnType {
        @HandlesCommand("ReserveStock")
        String reserve(Stock stock, CommandContext context) {
            return "reserved";
        }
    }

    @SkaldParticipant("inventory")
    @Requires(property = "spec.name", value = "badArguments")
    static class BadArguments {
        @HandlesCommand("ReserveStock")
        Reply reserve(Stock stock, String note) {
            return Reply.success();
        }
    }

    @SkaldParticipant("inventory")
    @Requires(property = "spec.name", value = "twoHandlers")
    static class TwoHandlers {
        @HandlesCommand("ReserveStock")
        Reply reserve(Stock stock, CommandContext context) {
            return Reply.success();
        }

        @HandlesCommand("ReserveStock")
        Reply reserveAgain(Stock stock) {
            return Reply.success();
        }
    }

    @Singleton
    @Requires(property = "spec.name", value = "notAParticipant")
    static class NotAParticipant {
        @HandlesCommand("ReserveStock")
        Reply reserve(Stock stock) {
            return Reply.success();
        }
    }

    @SkaldParticipant("inventory")
    @Requires(property = "spec.name", value = "valid")
    static class Inventory {
        @HandlesCommand("ReserveStock")
        Reply reserve(Stock stock, CommandContext context) {
            return Reply.success();
        }
    }

    @Test
    void aHandlerThatDoesNotReturnAReplyFailsTheStartupNamingTheMethod() {
        ConfigurationException error = startupError("badReturnType", Map.of());

        assertThat(error).hasMessageContaining(BadReturnType.class.getName() + ".reserve(Stock, CommandContext)")
                .hasMessageContaining("'Reply name(T payload, CommandContext context)' or 'Reply name(T payload)'");
    }

    @Test
    void aHandlerWithASecondArgumentOtherThanTheContextFailsTheStartup() {
        ConfigurationException error = startupError("badArguments", Map.of());

        assertThat(error).hasMessageContaining(BadArguments.class.getName() + ".reserve(Stock, String)")
                .hasMessageContaining("must be 'Reply name(T payload, CommandContext context)'");
    }

    @Test
    void twoHandlersOfOneCommandTypeFailTheStartupNamingBoth() {
        ConfigurationException error = startupError("twoHandlers", Map.of());

        assertThat(error).hasMessageContaining("participant inventory: command type 'ReserveStock' has two handlers")
                .hasMessageContaining(TwoHandlers.class.getName() + ".reserve(Stock, CommandContext)")
                .hasMessageContaining(TwoHandlers.class.getName() + ".reserveAgain(Stock)");
    }

    @Test
    void aHandlerOutsideASkaldParticipantBeanFailsTheStartup() {
        ConfigurationException error = startupError("notAParticipant", Map.of());

        assertThat(error).hasMessageContaining(NotAParticipant.class.getName() + ".reserve(Stock)")
                .hasMessageContaining("belong in a class annotated @SkaldParticipant");
    }

    @Test
    void aMissingBootstrapServerFailsTheStartupNamingTheParticipantAndItsMethods() {
        ConfigurationException error = startupError("valid", Map.of());

        assertThat(error).hasMessageContaining("participant inventory (ReserveStock -> " + Inventory.class.getName()
                        + ".reserve(Stock, CommandContext))")
                .hasMessageContaining("bootstrap.servers is required")
                .hasMessageContaining("skald.participants.inventory.bootstrap.servers");
    }

    @Test
    void invalidAndUnknownKeysAreReportedTogether() {
        ConfigurationException error = startupError("valid", Map.of(
                "skald.participant.bootstrap.servers", "localhost:1",
                "skald.participants.inventory.workers", "many",
                "skald.participants.inventory.worker", "2"));

        assertThat(error).hasMessageContaining("participant inventory")
                .hasMessageContaining("workers: 'many' is not a whole number")
                .hasMessageContaining("worker: unknown key");
    }

    @Test
    void disabledParticipantsLeaveTheBeansAlone() {
        try (ApplicationContext context = TestContexts.run(Map.of("spec.name", "valid",
                ParticipantRegistrar.ENABLED, "false"))) {
            assertThat(context.containsBean(ParticipantRegistrar.class)).isFalse();
            assertThat(context.getBean(Inventory.class)).isNotNull();
        }
    }

    private static ConfigurationException startupError(String spec, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("spec.name", spec);
        Throwable thrown = catchThrowable(() -> TestContexts.run(all).close());
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException) {
                return (ConfigurationException) t;
            }
        }
        throw new AssertionError("expected a ConfigurationException, got " + thrown, thrown);
    }
}
