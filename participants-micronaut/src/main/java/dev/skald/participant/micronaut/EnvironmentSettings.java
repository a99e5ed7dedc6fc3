package dev.skald.participant.micronaut;

import dev.skald.participant.ParticipantConfig;
import io.micronaut.core.value.PropertyResolver;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Participant settings given as environment variables, which Micronaut resolves key by key but does not list under a
 * prefix: the known keys ({@code SKALD_PARTICIPANTS_INVENTORY_BOOTSTRAP_SERVERS}) are looked up one by one, and the
 * open-ended Kafka client settings ({@code SKALD_PARTICIPANTS_INVENTORY_KAFKA_SECURITY_PROTOCOL},
 * {@code SKALD_PARTICIPANT_KAFKA_SASL_MECHANISM}) are found by their variable's prefix, an underscore reading as a dot.
 */
final class EnvironmentSettings {
    private EnvironmentSettings() {
    }

    /** The known keys under {@code prefix} that {@code properties} resolves, e.g. from environment variables. */
    static Map<String, Object> knownKeys(PropertyResolver properties, String prefix) {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (ParticipantConfig.Setting setting : ParticipantConfig.SETTINGS) {
            if (!setting.key().endsWith("*")) {
                properties.getProperty(prefix + "." + setting.key(), String.class)
                        .ifPresent(value -> keys.put(setting.key(), value));
            }
        }
        return keys;
    }

    /**
     * The {@code kafka.*} keys given by the variables {@code <PREFIX>_KAFKA_*} of {@code environment}, where
     * {@code <PREFIX>} is {@code prefix} in upper case with every other character than a letter or digit as
     * {@code _}: {@code SKALD_PARTICIPANT_KAFKA_SECURITY_PROTOCOL=SSL} gives {@code kafka.security.protocol=SSL}.
     */
    static Map<String, Object> kafkaKeys(Map<String, String> environment, String prefix) {
        String variablePrefix = prefix.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_KAFKA_";
        Map<String, Object> keys = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(variablePrefix) && name.length() > variablePrefix.length()) {
                String key = name.substring(variablePrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                keys.put(ParticipantConfig.KAFKA_PREFIX + key, value);
            }
        });
        return keys;
    }
}
