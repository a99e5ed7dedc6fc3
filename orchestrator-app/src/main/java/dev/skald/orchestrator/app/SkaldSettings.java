package dev.skald.orchestrator.app;

import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.orchestrator.SkaldTopics;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.format.MapFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The orchestrator's settings, under {@code skald.*} (environment: {@code SKALD_*}, e.g.
 * {@code SKALD_BOOTSTRAP_SERVERS}). Documented with their defaults in docs/configuration.md.
 */
@ConfigurationProperties("skald")
public class SkaldSettings {
    private String bootstrapServers = "embedded";
    private String applicationId = "skald-orchestrator";
    private String schemaRegistryUrl = "mock://skald";
    private String topicPrefix = "skald.";
    private int partitions = 6;
    private short replication = 1;
    private String stateDir = Path.of(System.getProperty("java.io.tmpdir"), "skald-state").toString();
    private String advertisedHost = "localhost";
    private Duration commitInterval = Duration.ofMillis(30);
    private Duration timerInterval = Duration.ofMillis(100);
    private int historyLimit = 200;
    private int maxStateBytes = 900_000;
    private int streamThreads = 1;
    private Map<String, String> kafka = new HashMap<>();
    private Duration terminalRetention = Duration.ofDays(7);
    private Duration idempotencyWindow = Duration.ofDays(30);
    private boolean replay;

    /** The configuration of the topology for an instance reachable at {@code advertisedHost:port}. */
    public OrchestratorConfig toConfig(String bootstrap, int port) {
        return OrchestratorConfig.builder(bootstrap)
                .applicationId(applicationId)
                .schemaRegistryUrl(schemaRegistryUrl)
                .topics(new SkaldTopics(topicPrefix))
                .partitions(partitions)
                .replication(replication)
                .stateDir(Path.of(stateDir))
                .applicationServer(advertisedHost + ":" + port)
                .commitInterval(commitInterval)
                .timerInterval(timerInterval)
                .historyLimit(historyLimit)
                .maxStateBytes(maxStateBytes)
                .streamThreads(streamThreads)
                .kafka(kafka)
                .terminalRetention(terminalRetention)
                .idempotencyWindow(idempotencyWindow)
                .replay(replay)
                .build();
    }

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String getApplicationId() {
        return applicationId;
    }

    public void setApplicationId(String applicationId) {
        this.applicationId = applicationId;
    }

    public String getSchemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    public void setSchemaRegistryUrl(String schemaRegistryUrl) {
        this.schemaRegistryUrl = schemaRegistryUrl;
    }

    public String getTopicPrefix() {
        return topicPrefix;
    }

    public void setTopicPrefix(String topicPrefix) {
        this.topicPrefix = topicPrefix;
    }

    public int getPartitions() {
        return partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    public short getReplication() {
        return replication;
    }

    public void setReplication(short replication) {
        this.replication = replication;
    }

    public String getStateDir() {
        return stateDir;
    }

    public void setStateDir(String stateDir) {
        this.stateDir = stateDir;
    }

    public String getAdvertisedHost() {
        return advertisedHost;
    }

    public void setAdvertisedHost(String advertisedHost) {
        this.advertisedHost = advertisedHost;
    }

    public Duration getCommitInterval() {
        return commitInterval;
    }

    public void setCommitInterval(Duration commitInterval) {
        this.commitInterval = commitInterval;
    }

    public Duration getTimerInterval() {
        return timerInterval;
    }

    public void setTimerInterval(Duration timerInterval) {
        this.timerInterval = timerInterval;
    }

    public int getHistoryLimit() {
        return historyLimit;
    }

    public void setHistoryLimit(int historyLimit) {
        this.historyLimit = historyLimit;
    }

    public int getMaxStateBytes() {
        return maxStateBytes;
    }

    public void setMaxStateBytes(int maxStateBytes) {
        this.maxStateBytes = maxStateBytes;
    }

    public int getStreamThreads() {
        return streamThreads;
    }

    public void setStreamThreads(int streamThreads) {
        this.streamThreads = streamThreads;
    }

    public Duration getTerminalRetention() {
        return terminalRetention;
    }

    /** How long COMPLETED and COMPENSATED sagas stay queryable ({@code skald.terminal-retention}, 0 = forever). */
    public void setTerminalRetention(Duration terminalRetention) {
        this.terminalRetention = terminalRetention;
    }

    public Duration getIdempotencyWindow() {
        return idempotencyWindow;
    }

    /** How long a deleted saga's id stays taken against repeated starts ({@code skald.idempotency-window}). */
    public void setIdempotencyWindow(Duration idempotencyWindow) {
        this.idempotencyWindow = idempotencyWindow;
    }

    public boolean isReplay() {
        return replay;
    }

    /** Replay mode ({@code skald.replay}): rebuild state from the input topics and send nothing. */
    public void setReplay(boolean replay) {
        this.replay = replay;
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
