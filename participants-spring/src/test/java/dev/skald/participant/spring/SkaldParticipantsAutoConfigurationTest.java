package dev.skald.participant.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.participant.CommandContext;
import dev.skald.participant.ParticipantConfig;
import dev.skald.participant.Reply;
import dev.skald.participant.spring.internal.ParticipantSettings;
import dev.skald.participant.spring.internal.ParticipantSetupFailureAnalyzer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The auto-configuration without a broker: startup errors of annotated handlers, found before any participant
 * starts and named by bean and method; the properties; the toggles.
 */
class SkaldParticipantsAutoConfigurationTest {

    record Stock(String sku) {
    }

    @SkaldParticipant("inventory")
    static class BadReturnType {
        @HandlesCommand("ReserveStock")
        String reserve(Stock stock, CommandContext context) {
            return "reserved";
        }
    }

    @SkaldParticipant("inventory")
    static class BadArguments {
        @HandlesCommand("ReserveStock")
        Reply reserve(Stock stock, String note) {
            return Reply.success();
        }
    }

    @SkaldParticipant("inventory")
    static class Inventory {
        @HandlesCommand("ReserveStock")
        Reply reserve(Stock stock, CommandContext context) {
            return Reply.success();
        }
    }

    @SkaldParticipant("inventory")
    static class MoreInventory {
        @HandlesCommand("ReserveStock")
        Reply reserveAgain(Stock stock) {
            return Reply.success();
        }
    }

    static class NotAParticipant {
        @HandlesCommand("ReserveStock")
        Reply reserve(Stock stock) {
            return Reply.success();
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SkaldParticipantsAutoConfiguration.class));

    @Test
    void aHandlerThatDoesNotReturnAReplyFailsTheStartupNamingTheBeanAndMethod() {
        runner.withBean("badReturnType", BadReturnType.class).run(context -> {
            ParticipantSetupException error = startupError(context);

            assertThat(error).hasMessageContaining(BadReturnType.class.getName()
                            + ".reserve(Stock, CommandContext) of bean 'badReturnType'")
                    .hasMessageContaining("must be 'Reply name(T payload, CommandContext context)' or"
                            + " 'Reply name(T payload)'");
        });
    }

    @Test
    void aHandlerWithASecondArgumentOtherThanTheContextFailsTheStartup() {
        runner.withBean("badArguments", BadArguments.class).run(context -> assertThat(startupError(context))
                .hasMessageContaining(BadArguments.class.getName() + ".reserve(Stock, String)")
                .hasMessageContaining("must be 'Reply name(T payload, CommandContext context)'"));
    }

    @Test
    void twoHandlersOfOneCommandTypeInTwoBeansFailTheStartupNamingBoth() {
        runner.withBean("inventory", Inventory.class).withBean("moreInventory", MoreInventory.class)
                .run(context -> assertThat(startupError(context))
                        .hasMessageContaining("participant inventory: command type 'ReserveStock' has two handlers")
                        .hasMessageContaining(Inventory.class.getName() + ".reserve(Stock, CommandContext) of bean"
                                + " 'inventory'")
                        .hasMessageContaining(MoreInventory.class.getName() + ".reserveAgain(Stock) of bean"
                                + " 'moreInventory'"));
    }

    @Test
    void aHandlerOutsideASkaldParticipantBeanFailsTheStartup() {
        runner.withBean("notAParticipant", NotAParticipant.class).run(context -> assertThat(startupError(context))
                .hasMessageContaining(NotAParticipant.class.getName() + ".reserve(Stock) of bean 'notAParticipant'")
                .hasMessageContaining("belong in a class annotated @SkaldParticipant"));
    }

    @Test
    void aMissingBootstrapServerFailsTheStartupNamingTheParticipantAndItsMethodsWithAnAction() {
        runner.withBean("inventory", Inventory.class).run(context -> {
            ParticipantSetupException error = startupError(context);
            FailureAnalysis analysis = new ParticipantSetupFailureAnalyzer().analyze(context.getStartupFailure());

            assertThat(error).hasMessageContaining("participant inventory (ReserveStock -> "
                            + Inventory.class.getName() + ".reserve(Stock, CommandContext) of bean 'inventory')")
                    .hasMessageContaining("bootstrap.servers is required")
                    .hasMessageContaining("skald.participants.inventory.* over skald.participant.*");
            assertThat(analysis.getDescription()).isEqualTo(error.getMessage());
            assertThat(analysis.getAction()).contains("skald.participants.inventory.bootstrap.servers");
        });
    }

    @Test
    void invalidAndUnknownKeysAreReportedTogether() {
        runner.withBean("inventory", Inventory.class).withPropertyValues(
                "skald.participant.bootstrap.servers=localhost:1",
                "skald.participants.inventory.workers=many",
                "skald.participants.inventory.worker=2").run(context -> assertThat(startupError(context))
                .hasMessageContaining("participant inventory")
                .hasMessageContaining("workers: 'many' is not a whole number")
                .hasMessageContaining("worker: unknown key"));
    }

    @Test
    void aParticipantsOwnKeysWinOverTheDefaultsAndKafkaSettingsReachIt() {
        runner.withPropertyValues(
                "skald.participant.bootstrap.servers=broker:9093",
                "skald.participant.workers=2",
                "skald.participant.kafka.security.protocol=SASL_SSL",
                "skald.participants.inventory.workers=3",
                "skald.participants.inventory.poll.timeout=50ms",
                "skald.participants.inventory.kafka.sasl.mechanism=SCRAM-SHA-512",
                "skald.participants.payment.workers=4").run(context -> {
                    ParticipantConfig config = config(context, "inventory");

                    assertThat(config.bootstrapServers()).isEqualTo("broker:9093");
                    assertThat(config.workers()).isEqualTo(3);
                    assertThat(config.pollTimeout()).hasMillis(50);
                    assertThat(config.kafka()).containsEntry("security.protocol", "SASL_SSL")
                            .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
                });
    }

    @Test
    void environmentVariablesSetTheKeysToo() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                new SystemEnvironmentPropertySource("systemEnvironment", Map.of(
                        "SKALD_PARTICIPANT_BOOTSTRAP_SERVERS", "broker:9093",
                        "SKALD_PARTICIPANTS_INVENTORY_WORKERS", "3",
                        "SKALD_PARTICIPANTS_INVENTORY_KAFKA_SECURITY_PROTOCOL", "SSL"))))
                .run(context -> {
                    ParticipantConfig config = config(context, "inventory");

                    assertThat(config.bootstrapServers()).isEqualTo("broker:9093");
                    assertThat(config.workers()).isEqualTo(3);
                    assertThat(config.kafka()).containsEntry("security.protocol", "SSL");
                });
    }

    @Test
    void disabledParticipantsLeaveTheBeansAlone() {
        runner.withBean("inventory", Inventory.class).withPropertyValues(SkaldParticipantsAutoConfiguration.ENABLED
                + "=false").run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(SkaldParticipants.class)
                            .hasSingleBean(Inventory.class);
                });
    }

    @Test
    void theHealthIndicatorComesWithActuatorUnlessTurnedOff() {
        runner.run(context -> assertThat(context).hasSingleBean(ParticipantsHealthIndicator.class));
        runner.withPropertyValues(SkaldParticipantsAutoConfiguration.HEALTH_ENABLED + "=false")
                .run(context -> assertThat(context).hasSingleBean(SkaldParticipants.class)
                        .doesNotHaveBean(ParticipantsHealthIndicator.class));
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).hasSingleBean(SkaldParticipants.class)
                        .doesNotHaveBean(ParticipantsHealthIndicator.class));
    }

    private static ParticipantConfig config(AssertableApplicationContext context, String participant) {
        assertThat(context).hasNotFailed();
        return ParticipantSettings.config(participant, List.of(), context.getBean(SkaldParticipantsProperties.class));
    }

    private static ParticipantSetupException startupError(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            if (t instanceof ParticipantSetupException setup) {
                return setup;
            }
        }
        throw new AssertionError("expected a ParticipantSetupException", context.getStartupFailure());
    }
}
