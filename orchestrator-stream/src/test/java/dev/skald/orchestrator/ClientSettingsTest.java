package dev.skald.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.schemas.Redaction;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * {@code skald.kafka.*} (OrchestratorConfig's {@code kafka}) reaches every client the orchestrator makes: its
 * producer, its admin client, the Kafka Streams instance and every client inside it, and the serdes (registry
 * credentials); and none of it shows in {@code toString()}.
 */
class ClientSettingsTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"skald\" password=\"jaas-secret\";";
    private static final Map<String, String> SECURITY = Map.of(
            CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL",
            SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512",
            SaslConfigs.SASL_JAAS_CONFIG, JAAS,
            "ssl.truststore.password", "truststore-secret",
            "basic.auth.user.info", "registry:registry-secret");

    private final OrchestratorConfig config = OrchestratorConfig.builder("broker:9093").kafka(SECURITY)
            .schemaRegistryUrl("https://url-user:url-secret@registry:8081").build();

    @Test
    void theProducerAndTheAdminClientGetTheSecuritySettings() {
        assertSecured(Orchestrator.producerProperties(config));
        assertSecured(config.clientProperties());
    }

    @Test
    void everyClientInsideKafkaStreamsGetsTheSecuritySettings() {
        StreamsConfig streams = new StreamsConfig(config.streamsProperties());

        assertSecured(streams.getMainConsumerConfigs("group", "client", 0));
        assertSecured(streams.getRestoreConsumerConfigs("client"));
        assertSecured(streams.getGlobalConsumerConfigs("client"));
        assertSecured(streams.getProducerConfigs("client"));
        assertSecured(streams.getAdminConfigs("client"));
    }

    @Test
    void theSerdesGetTheRegistryCredentials() {
        assertThat(config.serdeConfig()).containsEntry("basic.auth.user.info", "registry:registry-secret")
                .containsEntry("schema.registry.url", "https://url-user:url-secret@registry:8081");
    }

    @Test
    void toStringHidesEverySecret() {
        assertThat(config.toString()).contains("security.protocol=SASL_SSL", "sasl.jaas.config=" + Redaction.HIDDEN)
                .doesNotContain("jaas-secret", "truststore-secret", "registry-secret", "url-secret", "url-user");
    }

    private static void assertSecured(Map<?, ?> clientConfig) {
        assertThat(clientConfig.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)).hasToString("SASL_SSL");
        assertThat(clientConfig.get(SaslConfigs.SASL_MECHANISM)).hasToString("SCRAM-SHA-512");
        assertThat(String.valueOf(clientConfig.get(SaslConfigs.SASL_JAAS_CONFIG))).isEqualTo(JAAS);
    }

    private static void assertSecured(Properties properties) {
        assertSecured((Map<?, ?>) properties);
    }
}
