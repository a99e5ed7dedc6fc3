package dev.skald.orchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.orchestrator.OrchestratorSettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Settings given as environment variables, as in a container: the keys of the catalogue (SKALD_PARTITIONS...), the
 * security settings SKALD_KAFKA_* and SKALD_API_TOKEN; values out of bounds are refused naming their key.
 */
class SettingsFromEnvironmentTest {

    private static ApplicationContext withEnvironment(Map<String, Object> variables) {
        return ApplicationContext.builder().properties(Map.of("skald.orchestrator.enabled", "false"))
                .propertySources(PropertySource.of("env", variables,
                        PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .start();
    }

    @Test
    void kafkaClientSettingsComeFromSkaldKafkaVariables() {
        try (ApplicationContext context = withEnvironment(Map.of("SKALD_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "SKALD_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"))) {
            assertThat(context.getBean(SkaldSettings.class).toConfig("broker:9093", 8080).kafka())
                    .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        }
    }

    @Test
    void catalogueKeysComeFromTheirVariables() {
        try (ApplicationContext context = withEnvironment(Map.of("SKALD_PARTITIONS", "12",
                "SKALD_TERMINAL_RETENTION", "0", "SKALD_IDEMPOTENCY_WINDOW", "90d", "SKALD_ADVERTISED_HOST", "orch-0",
                "SKALD_BOOTSTRAP_SERVERS", "broker:9093"))) {
            SkaldSettings settings = context.getBean(SkaldSettings.class);
            OrchestratorConfig config = settings.toConfig(settings.getBootstrapServers(), 8080);

            assertThat(config.bootstrapServers()).isEqualTo("broker:9093");
            assertThat(config.partitions()).isEqualTo(12);
            assertThat(config.terminalRetention()).isZero();
            assertThat(config.idempotencyWindow()).isEqualTo(Duration.ofDays(90));
            assertThat(config.applicationServer()).isEqualTo("orch-0:8080");
            assertThat(config.commitInterval()).isEqualTo(OrchestratorSettings.COMMIT_INTERVAL.defaultValue());
        }
    }

    @Test
    void valuesOutOfBoundsAreRefusedNamingTheirKeys() {
        try (ApplicationContext context = withEnvironment(Map.of("SKALD_STREAM_THREADS", "65",
                "SKALD_COMMIT_INTERVAL", "soon"))) {
            SkaldSettings settings = context.getBean(SkaldSettings.class);

            assertThatThrownBy(() -> settings.toConfig("broker:9093", 8080))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("skald.stream-threads must be between 1 and 64, was 65")
                    .hasMessageContaining("skald.commit-interval: 'soon' is not a duration");
        }
    }

    @Test
    void theApiTokenComesFromSkaldApiToken() {
        try (ApplicationContext context = withEnvironment(Map.of("SKALD_API_TOKEN", "from-env",
                "SKALD_API_TOKEN_REQUIRED_FOR_READS", "true"))) {
            ApiTokenPolicy policy = context.getBean(ApiSettings.class).policy();

            assertThat(policy.enabled()).isTrue();
            assertThat(policy.forReads()).isTrue();
            assertThat(policy.accepts("Bearer from-env")).isTrue();
        }
    }
}
