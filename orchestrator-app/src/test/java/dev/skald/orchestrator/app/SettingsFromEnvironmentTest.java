package dev.skald.orchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The security settings given as environment variables, as in a container: SKALD_KAFKA_*, SKALD_API_TOKEN. */
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
