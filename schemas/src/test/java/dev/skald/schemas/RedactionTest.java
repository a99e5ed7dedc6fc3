package dev.skald.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactionTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"skald\" password=\"s3cr3t-jaas\";";

    @ParameterizedTest
    @ValueSource(strings = {"sasl.jaas.config", "ssl.key.password", "ssl.keystore.password", "ssl.truststore.password",
            "ssl.keystore.key", "ssl.keystore.certificate.chain", "ssl.truststore.certificates",
            "basic.auth.user.info", "bearer.auth.token", "api.token", "producer.ssl.key.password",
            "main.consumer.sasl.jaas.config", "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
            "sasl.oauthbearer.client.credentials.client.secret", "SSL_KEYSTORE_PASSWORD"})
    void secretSettingsAreRecognized(String key) {
        assertThat(Redaction.isSecret(key)).as(key).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"security.protocol", "sasl.mechanism", "ssl.truststore.location", "bootstrap.servers",
            "basic.auth.credentials.source", "session.timeout.ms", "schema.registry.url"})
    void ordinarySettingsAreNot(String key) {
        assertThat(Redaction.isSecret(key)).as(key).isFalse();
    }

    @Test
    void settingsKeepTheirKeysAndHideSecretValues() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("security.protocol", "SASL_SSL");
        settings.put("sasl.jaas.config", JAAS);
        settings.put("ssl.truststore.password", "trust-pw");
        settings.put("basic.auth.user.info", "registry-user:registry-pw");
        settings.put("schema.registry.url", "https://reg-user:reg-pw@registry:8081,https://registry-2:8081");

        Map<String, String> shown = Redaction.settings(settings);

        assertThat(shown).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", Redaction.HIDDEN)
                .containsEntry("ssl.truststore.password", Redaction.HIDDEN)
                .containsEntry("basic.auth.user.info", Redaction.HIDDEN)
                .containsEntry("schema.registry.url", "https://[hidden]@registry:8081,https://registry-2:8081");
        assertThat(shown.toString()).doesNotContain("s3cr3t-jaas", "trust-pw", "registry-pw", "reg-pw", "reg-user");
    }

    @Test
    void urlsLoseTheirUserInfoOnly() {
        assertThat(Redaction.url("http://u:p@host:8081/path?x=1")).isEqualTo("http://[hidden]@host:8081/path?x=1");
        assertThat(Redaction.url("mock://skald")).isEqualTo("mock://skald");
        assertThat(Redaction.url("registry at https://a:b@r1, then https://r2")).isEqualTo(
                "registry at https://[hidden]@r1, then https://r2");
        assertThat(Redaction.url(null)).isNull();
    }

    @Test
    void nullValuesStayNull() {
        assertThat(Redaction.value("sasl.jaas.config", null)).isNull();
    }
}
