package dev.skald.orchestrator.app;

import static dev.skald.orchestrator.OrchestratorSettings.ADVERTISED_HOST;
import static dev.skald.orchestrator.OrchestratorSettings.APPLICATION_ID;
import static dev.skald.orchestrator.OrchestratorSettings.BOOTSTRAP_SERVERS;
import static dev.skald.orchestrator.OrchestratorSettings.COMMIT_INTERVAL;
import static dev.skald.orchestrator.OrchestratorSettings.HISTORY_LIMIT;
import static dev.skald.orchestrator.OrchestratorSettings.IDEMPOTENCY_WINDOW;
import static dev.skald.orchestrator.OrchestratorSettings.MAX_STATE_BYTES;
import static dev.skald.orchestrator.OrchestratorSettings.PARTITIONS;
import static dev.skald.orchestrator.OrchestratorSettings.REPLAY;
import static dev.skald.orchestrator.OrchestratorSettings.REPLICATION;
import static dev.skald.orchestrator.OrchestratorSettings.SCHEMA_REGISTRY_URL;
import static dev.skald.orchestrator.OrchestratorSettings.STATE_DIR;
import static dev.skald.orchestrator.OrchestratorSettings.STREAM_THREADS;
import static dev.skald.orchestrator.OrchestratorSettings.TERMINAL_RETENTION;
import static dev.skald.orchestrator.OrchestratorSettings.TIMER_INTERVAL;
import static dev.skald.orchestrator.OrchestratorSettings.TOPIC_PREFIX;

import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.orchestrator.OrchestratorSettings;
import dev.skald.orchestrator.SkaldTopics;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.value.PropertyResolver;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The orchestrator's settings, under {@code skald.*} (environment: {@code SKALD_*}, e.g.
 * {@code SKALD_BOOTSTRAP_SERVERS}). Every key is read as text and parsed by its entry in
 * {@link OrchestratorSettings}, which also holds its default and its documentation (docs/configuration.md); a value
 * that does not parse or is out of bounds fails with a message naming its key.
 */
@ConfigurationProperties("skald")
public class SkaldSettings {
    /** The keys read here; the others of the catalogue are read by Micronaut itself ({@code @Requires}, ...). */
    private static final List<OrchestratorSettings.Setting<?>> READ = List.of(BOOTSTRAP_SERVERS, APPLICATION_ID,
            SCHEMA_REGISTRY_URL, TOPIC_PREFIX, PARTITIONS, REPLICATION, STATE_DIR, ADVERTISED_HOST, COMMIT_INTERVAL,
            TIMER_INTERVAL, HISTORY_LIMIT, MAX_STATE_BYTES, STREAM_THREADS, TERMINAL_RETENTION, IDEMPOTENCY_WINDOW,
            OrchestratorSettings.JSON_PARTICIPANTS,
            REPLAY);

    private final PropertyResolver properties;
    private Map<String, String> kafka = Map.of();

    public SkaldSettings(PropertyResolver properties) {
        this.properties = properties;
    }

    /**
     * The configuration of the topology for an instance reachable at {@code skald.advertised-host:port}.
     *
     * @throws IllegalArgumentException listing every value that does not parse or is out of bounds, by key
     */
    public OrchestratorConfig toConfig(String bootstrap, int port) {
        OrchestratorSettings.Values values = read(READ);
        return OrchestratorConfig.builder(bootstrap)
                .applicationId(values.get(APPLICATION_ID))
                .schemaRegistryUrl(values.get(SCHEMA_REGISTRY_URL))
                .topics(new SkaldTopics(values.get(TOPIC_PREFIX)))
                .partitions(values.get(PARTITIONS))
                .replication(values.get(REPLICATION).shortValue())
                .stateDir(values.get(STATE_DIR))
                .applicationServer(values.get(ADVERTISED_HOST) + ":" + port)
                .commitInterval(values.get(COMMIT_INTERVAL))
                .timerInterval(values.get(TIMER_INTERVAL))
                .historyLimit(values.get(HISTORY_LIMIT))
                .maxStateBytes(values.get(MAX_STATE_BYTES))
                .streamThreads(values.get(STREAM_THREADS))
                .kafka(kafka)
                .terminalRetention(values.get(TERMINAL_RETENTION))
                .idempotencyWindow(values.get(IDEMPOTENCY_WINDOW))
                .replay(values.get(REPLAY))
                .jsonParticipants(values.get(OrchestratorSettings.JSON_PARTICIPANTS))
                .build();
    }

    /** {@code skald.http-tasks.call-timeout}: how long one call of an http step may take. */
    public java.time.Duration getHttpCallTimeout() {
        return read(List.of(OrchestratorSettings.HTTP_TASKS_CALL_TIMEOUT)).get(OrchestratorSettings.HTTP_TASKS_CALL_TIMEOUT);
    }

    /** {@code skald.bootstrap-servers}: the Kafka cluster, or {@code embedded} for an in-process broker. */
    public String getBootstrapServers() {
        return read(List.of(BOOTSTRAP_SERVERS)).get(BOOTSTRAP_SERVERS);
    }

    private OrchestratorSettings.Values read(List<OrchestratorSettings.Setting<?>> settings) {
        return OrchestratorSettings.read(key -> properties.getProperty(key, String.class), settings);
    }

    public Map<String, String> getKafka() {
        return kafka;
    }

    /**
     * Kafka client settings passed to every client, by their Kafka names ({@code skald.kafka.security.protocol}).
     * Read flat, so a key keeps its dots; a hyphen in a key reads as a dot, because Kafka's keys have none and
     * Micronaut also offers {@code SKALD_KAFKA_SECURITY_PROTOCOL} as {@code skald.kafka.security-protocol}.
     */
    public void setKafka(@MapFormat(transformation = MapFormat.MapTransformation.FLAT) Map<String, String> kafka) {
        Map<String, String> keys = new TreeMap<>();
        kafka.forEach((key, value) -> keys.put(key.replace('-', '.'), value));
        this.kafka = keys;
    }
}
