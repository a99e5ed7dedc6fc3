package dev.skald.participant.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.participant.ParticipantConfig;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@code kafka.*} reaches every client of a participant; none of it shows in the configuration's toString. */
class ClientSettingsTest {
    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"inventory\" password=\"jaas-secret\";";

    private final ParticipantConfig config = ParticipantConfig.from(Map.of(
            "bootstrap.servers", "broker:9093",
            "schema.registry.url", "https://user:url-secret@registry:8081",
            "kafka.security.protocol", "SASL_SSL",
            "kafka.sasl.mechanism", "PLAIN",
            "kafka.sasl.jaas.config", JAAS,
            "kafka.ssl.truststore.password", "truststore-secret"));
    private final ClientSettings settings = new ClientSettings(config, "inventory", "inventory-0");

    @Test
    void everyClientGetsTheSecuritySettings() {
        assertSecured(settings.admin());
        assertSecured(settings.commandConsumer(0));
        assertSecured(settings.logReader(0));
        assertSecured(settings.producer(0));
    }

    @Test
    void toStringHidesEverySecret() {
        assertThat(config.toString()).contains("security.protocol=SASL_SSL", "sasl.jaas.config=[hidden]")
                .doesNotContain("jaas-secret", "truststore-secret", "url-secret");
    }

    private static void assertSecured(Properties properties) {
        assertThat(properties).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("sasl.jaas.config", JAAS);
    }
}
