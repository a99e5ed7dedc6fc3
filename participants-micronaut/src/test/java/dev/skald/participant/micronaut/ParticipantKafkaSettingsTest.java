package dev.skald.participant.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.participant.ParticipantConfig;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code skald.participants.<name>.kafka.*} and {@code skald.participant.kafka.*} reach the participant's clients,
 * from properties and from environment variables.
 */
class ParticipantKafkaSettingsTest {

    @Test
    void kafkaSettingsFromPropertiesReachTheParticipant() {
        try (ApplicationContext context = TestContexts.run(Map.of("spec.name", "none",
                "skald.participant.bootstrap.servers", "broker:9093",
                "skald.participant.kafka.security.protocol", "SASL_SSL",
                "skald.participants.inventory.kafka.sasl.mechanism", "SCRAM-SHA-512"))) {
            ParticipantConfig config = context.getBean(ParticipantRegistrar.class).config("inventory", List.of());

            assertThat(config.kafka()).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        }
    }

    @Test
    void knownKeysFromEnvironmentVariablesReachTheParticipant() {
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("spec.name", "none", "skald.orchestrator.enabled", "false"))
                .propertySources(PropertySource.of("env", Map.of(
                        "SKALD_PARTICIPANT_BOOTSTRAP_SERVERS", "broker:9093",
                        "SKALD_PARTICIPANTS_INVENTORY_WORKERS", "3"),
                        PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .start()) {
            ParticipantConfig config = context.getBean(ParticipantRegistrar.class).config("inventory", List.of());

            assertThat(config.bootstrapServers()).isEqualTo("broker:9093");
            assertThat(config.workers()).isEqualTo(3);
        }
    }

    @Test
    void kafkaSettingsFromEnvironmentVariablesAreFoundByTheirPrefix() {
        Map<String, String> environment = Map.of(
                "SKALD_PARTICIPANTS_ORDER_SERVICE_KAFKA_SECURITY_PROTOCOL", "SSL",
                "SKALD_PARTICIPANT_KAFKA_SASL_MECHANISM", "PLAIN",
                "SKALD_PARTICIPANTS_INVENTORY_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "PATH", "/bin");

        assertThat(EnvironmentSettings.kafkaKeys(environment, "skald.participants.order-service"))
                .containsExactly(Map.entry("kafka.security.protocol", "SSL"));
        assertThat(EnvironmentSettings.kafkaKeys(environment, "skald.participant"))
                .containsExactly(Map.entry("kafka.sasl.mechanism", "PLAIN"));
    }
}
