package dev.skald.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The catalogue of keys: its defaults are the builder's, its parsers and bounds name the key they refuse. */
class OrchestratorSettingsTest {

    private static OrchestratorSettings.Values read(Map<String, String> text) {
        return OrchestratorSettings.read(key -> Optional.ofNullable(text.get(key)),
                OrchestratorSettings.ALL.stream().filter(s -> !s.isFamily()).toList());
    }

    @Test
    void theBuildersDefaultsAreTheCataloguesDefaults() {
        OrchestratorConfig config = OrchestratorConfig.builder("broker:9092").build();
        OrchestratorSettings.Values defaults = read(Map.of());

        assertThat(config.applicationId()).isEqualTo(defaults.get(OrchestratorSettings.APPLICATION_ID));
        assertThat(config.schemaRegistryUrl()).isEqualTo(defaults.get(OrchestratorSettings.SCHEMA_REGISTRY_URL));
        assertThat(config.topics()).isEqualTo(SkaldTopics.DEFAULT);
        assertThat(config.topics().prefix()).isEqualTo(defaults.get(OrchestratorSettings.TOPIC_PREFIX));
        assertThat(config.partitions()).isEqualTo(6).isEqualTo(defaults.get(OrchestratorSettings.PARTITIONS));
        assertThat((int) config.replication()).isEqualTo(defaults.get(OrchestratorSettings.REPLICATION));
        assertThat(config.stateDir()).isEqualTo(defaults.get(OrchestratorSettings.STATE_DIR));
        assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(30))
                .isEqualTo(defaults.get(OrchestratorSettings.COMMIT_INTERVAL));
        assertThat(config.timerInterval()).isEqualTo(defaults.get(OrchestratorSettings.TIMER_INTERVAL));
        assertThat(config.historyLimit()).isEqualTo(defaults.get(OrchestratorSettings.HISTORY_LIMIT));
        assertThat(config.maxStateBytes()).isEqualTo(defaults.get(OrchestratorSettings.MAX_STATE_BYTES));
        assertThat(config.streamThreads()).isEqualTo(defaults.get(OrchestratorSettings.STREAM_THREADS));
        assertThat(config.terminalRetention()).isEqualTo(Duration.ofDays(7))
                .isEqualTo(defaults.get(OrchestratorSettings.TERMINAL_RETENTION));
        assertThat(config.idempotencyWindow()).isEqualTo(Duration.ofDays(30))
                .isEqualTo(defaults.get(OrchestratorSettings.IDEMPOTENCY_WINDOW));
        assertThat(config.replay()).isEqualTo(defaults.get(OrchestratorSettings.REPLAY));
        assertThat(config.kafka()).isEmpty();
    }

    @Test
    void everyDefaultIsWithinItsBoundsAndEveryKeyHasItsVariable() {
        for (OrchestratorSettings.Setting<?> setting : OrchestratorSettings.ALL) {
            assertThat(problemOfDefault(setting)).as(setting.key()).isNull();
            assertThat(setting.environmentVariables()).as(setting.key()).isNotEmpty();
        }
        assertThat(OrchestratorSettings.IDEMPOTENCY_WINDOW.environmentVariables())
                .containsExactly("SKALD_IDEMPOTENCY_WINDOW");
        assertThat(OrchestratorSettings.KAFKA.environmentVariables()).containsExactly("SKALD_KAFKA_*");
    }

    private static <T> String problemOfDefault(OrchestratorSettings.Setting<T> setting) {
        return setting.defaultValue() == null ? null : setting.problem(setting.defaultValue());
    }

    @Test
    void durationsTakeAUnitOrIsoAndZeroIsNoTime() {
        OrchestratorSettings.Values values = read(Map.of("skald.terminal-retention", "0",
                "skald.idempotency-window", "P90D", "skald.commit-interval", " 100ms "));

        assertThat(values.get(OrchestratorSettings.TERMINAL_RETENTION)).isZero();
        assertThat(values.get(OrchestratorSettings.IDEMPOTENCY_WINDOW)).isEqualTo(Duration.ofDays(90));
        assertThat(values.get(OrchestratorSettings.COMMIT_INTERVAL)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void everyBadValueIsReportedAtOnceByItsKey() {
        assertThatThrownBy(() -> read(Map.of("skald.partitions", "0", "skald.stream-threads", "many",
                "skald.timer-interval", "0", "skald.terminal-retention", "4000d", "skald.replay", "yes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid orchestrator configuration: ")
                .hasMessageContaining("skald.partitions must be between 1 and 10000, was 0")
                .hasMessageContaining("skald.stream-threads: 'many' is not a whole number")
                .hasMessageContaining("skald.timer-interval must be positive, was PT0S")
                .hasMessageContaining("skald.terminal-retention: '4000d' is longer than the longest duration")
                .hasMessageContaining("skald.replay: 'yes' is not true or false");
    }

    @Test
    void theBuilderRefusesValuesOutOfBoundsNamingTheirKeys() {
        assertThatThrownBy(() -> OrchestratorConfig.builder("broker:9092").historyLimit(100_001)
                .commitInterval(Duration.ofMinutes(11)).idempotencyWindow(Duration.ofDays(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("skald.history-limit must be between 0 and 100000, was 100001")
                .hasMessageContaining("skald.commit-interval must be at most 10m, was PT11M")
                .hasMessageContaining("skald.idempotency-window must be 0 or more, was PT-24H");
    }
}
