package dev.skald.orchestrator;

import static dev.skald.orchestrator.OrchestratorSettings.APPLICATION_ID;
import static dev.skald.orchestrator.OrchestratorSettings.BOOTSTRAP_SERVERS;
import static dev.skald.orchestrator.OrchestratorSettings.COMMIT_INTERVAL;
import static dev.skald.orchestrator.OrchestratorSettings.HISTORY_LIMIT;
import static dev.skald.orchestrator.OrchestratorSettings.IDEMPOTENCY_WINDOW;
import static dev.skald.orchestrator.OrchestratorSettings.JSON_PARTICIPANTS;
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

import dev.skald.schemas.Redaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How an orchestrator instance runs. Build one with {@link #builder(String)}; every setting has a default, the one
 * {@link OrchestratorSettings} gives its key (docs/configuration.md lists them).
 *
 * <p>Values out of bounds fail at construction with an {@link IllegalArgumentException} that lists every problem,
 * each naming its key ({@code skald.partitions must be between 1 and 10000, was 0}).
 *
 * @param bootstrapServers  the Kafka cluster
 * @param applicationId     the Kafka Streams application id (instances with the same id share the work)
 * @param schemaRegistryUrl {@code mock://<scope>} for an in-process registry, or a Confluent registry URL
 * @param topics            topic names
 * @param partitions        partitions of the input topics (they must all have the same count)
 * @param replication       replication factor of the topics Skald creates
 * @param stateDir          the Kafka Streams state directory
 * @param applicationServer this instance's REST address {@code host:port}, for routing queries; or null
 * @param commitInterval    how often transactions commit: latency against throughput
 * @param timerInterval     how often due timers are looked for: timer precision against load
 * @param historyLimit      history events kept per saga for {@code GET /sagas/{id}/history}
 * @param maxStateBytes     the largest encoded saga state; a saga that would exceed it fails
 * @param streamThreads     Kafka Streams threads
 * @param kafka             extra client settings (security.protocol, sasl.*, ssl.*...) passed to every client
 * @param terminalRetention how long a COMPLETED or COMPENSATED saga stays queryable before it is deleted from the
 *                          store; {@link Duration#ZERO} keeps it forever. FAILED and COMPENSATION_FAILED sagas
 *                          wait for an operator and are never deleted.
 * @param idempotencyWindow how long the id of a saga deleted after its retention stays taken, so that a repeated
 *                          start (same saga id or idempotency key) still starts nothing; {@link Duration#ZERO} forgets
 *                          it at once. Default 30 days, longer than the retention.
 * @param jsonParticipants  participants whose commands are written in Skald's plain JSON encoding instead of Avro
 *                          ({@code dev.skald.schemas.JsonRecords}); replies are read in either encoding anyway
 * @param replay            replay mode: rebuild the state from the input topics and send nothing (no commands,
 *                          history, results, timers or dead letters), for recovery and for verifying a rebuild
 */
public record OrchestratorConfig(String bootstrapServers, String applicationId, String schemaRegistryUrl,
                                 SkaldTopics topics, int partitions, short replication, Path stateDir,
                                 String applicationServer, Duration commitInterval, Duration timerInterval,
                                 int historyLimit, int maxStateBytes, int streamThreads, Map<String, String> kafka,
                                 Duration terminalRetention, Duration idempotencyWindow, boolean replay,
                                 Set<String> jsonParticipants) {

    public OrchestratorConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers can't be null");
        Objects.requireNonNull(applicationId, "applicationId can't be null");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl can't be null");
        Objects.requireNonNull(topics, "topics can't be null");
        Objects.requireNonNull(stateDir, "stateDir can't be null");
        Objects.requireNonNull(kafka, "kafka can't be null");
        kafka = Map.copyOf(kafka);
        jsonParticipants = Set.copyOf(Objects.requireNonNull(jsonParticipants, "jsonParticipants can't be null"));
        String problems = Stream.of(BOOTSTRAP_SERVERS.problem(bootstrapServers),
                        APPLICATION_ID.problem(applicationId), SCHEMA_REGISTRY_URL.problem(schemaRegistryUrl),
                        PARTITIONS.problem(partitions), REPLICATION.problem((int) replication),
                        COMMIT_INTERVAL.problem(commitInterval), TIMER_INTERVAL.problem(timerInterval),
                        HISTORY_LIMIT.problem(historyLimit), MAX_STATE_BYTES.problem(maxStateBytes),
                        STREAM_THREADS.problem(streamThreads), TERMINAL_RETENTION.problem(terminalRetention),
                        IDEMPOTENCY_WINDOW.problem(idempotencyWindow), JSON_PARTICIPANTS.problem(jsonParticipants))
                .filter(Objects::nonNull).collect(Collectors.joining("; "));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid orchestrator configuration: " + problems);
        }
    }

    /** A builder with every default, for this cluster. */
    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /** The settings shared by every client Skald creates (security and the like), plus the bootstrap servers. */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    /** Kafka Streams settings: exactly-once v2 and the tuned defaults. */
    public Properties streamsProperties() {
        Properties props = clientProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replication);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        props.put("processing.exception.handler.global.enabled", true);
        dev.skald.orchestrator.internal.ExceptionHandlers.configure(props, topics().deadLetters());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Math.max(1_048_576,
                maxStateBytes + 65_536));
        if (applicationServer != null) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        return props;
    }

    /**
     * Serde settings: the {@code kafka} entries (where registry credentials such as {@code basic.auth.user.info}
     * go, as with Confluent's serdes) and the schema registry URL under the Confluent key.
     */
    public Map<String, Object> serdeConfig() {
        Map<String, Object> serde = new java.util.HashMap<>(kafka);
        serde.put("schema.registry.url", schemaRegistryUrl);
        return Map.copyOf(serde);
    }

    /** The settings with secrets hidden (client passwords, JAAS configuration, URL credentials): safe to log. */
    @Override
    public String toString() {
        return "OrchestratorConfig[bootstrapServers=" + bootstrapServers + ", applicationId=" + applicationId
                + ", schemaRegistryUrl=" + Redaction.url(schemaRegistryUrl) + ", topics=" + topics
                + ", partitions=" + partitions + ", replication=" + replication + ", stateDir=" + stateDir
                + ", applicationServer=" + applicationServer + ", commitInterval=" + commitInterval
                + ", timerInterval=" + timerInterval + ", historyLimit=" + historyLimit + ", maxStateBytes="
                + maxStateBytes + ", streamThreads=" + streamThreads + ", kafka=" + Redaction.settings(kafka)
                + ", terminalRetention=" + terminalRetention + ", idempotencyWindow=" + idempotencyWindow
                + ", replay=" + replay + ", jsonParticipants=" + jsonParticipants + "]";
    }

    /** Builds an {@link OrchestratorConfig}. */
    public static final class Builder {
        private final String bootstrapServers;
        private String applicationId = APPLICATION_ID.defaultValue();
        private String schemaRegistryUrl = SCHEMA_REGISTRY_URL.defaultValue();
        private SkaldTopics topics = new SkaldTopics(TOPIC_PREFIX.defaultValue());
        private int partitions = PARTITIONS.defaultValue();
        private short replication = REPLICATION.defaultValue().shortValue();
        private Path stateDir = STATE_DIR.defaultValue();
        private String applicationServer;
        private Duration commitInterval = COMMIT_INTERVAL.defaultValue();
        private Duration timerInterval = TIMER_INTERVAL.defaultValue();
        private int historyLimit = HISTORY_LIMIT.defaultValue();
        private int maxStateBytes = MAX_STATE_BYTES.defaultValue();
        private int streamThreads = STREAM_THREADS.defaultValue();
        private Map<String, String> kafka = Map.of();
        private Duration terminalRetention = TERMINAL_RETENTION.defaultValue();
        private Duration idempotencyWindow = IDEMPOTENCY_WINDOW.defaultValue();
        private boolean replay = REPLAY.defaultValue();
        private Set<String> jsonParticipants = JSON_PARTICIPANTS.defaultValue();

        private Builder(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
        }

        public Builder applicationId(String value) {
            applicationId = value;
            return this;
        }

        public Builder schemaRegistryUrl(String value) {
            schemaRegistryUrl = value;
            return this;
        }

        public Builder topics(SkaldTopics value) {
            topics = value;
            return this;
        }

        public Builder partitions(int value) {
            partitions = value;
            return this;
        }

        public Builder replication(short value) {
            replication = value;
            return this;
        }

        public Builder stateDir(Path value) {
            stateDir = value;
            return this;
        }

        public Builder applicationServer(String value) {
            applicationServer = value;
            return this;
        }

        public Builder commitInterval(Duration value) {
            commitInterval = value;
            return this;
        }

        public Builder timerInterval(Duration value) {
            timerInterval = value;
            return this;
        }

        public Builder historyLimit(int value) {
            historyLimit = value;
            return this;
        }

        public Builder maxStateBytes(int value) {
            maxStateBytes = value;
            return this;
        }

        public Builder streamThreads(int value) {
            streamThreads = value;
            return this;
        }

        public Builder kafka(Map<String, String> value) {
            kafka = value;
            return this;
        }

        /** How long ended sagas stay queryable; {@link Duration#ZERO} keeps them forever. Default 7 days. */
        public Builder terminalRetention(Duration value) {
            terminalRetention = value;
            return this;
        }

        /** How long a deleted saga's id stays taken against repeated starts; {@link Duration#ZERO} forgets it. */
        public Builder idempotencyWindow(Duration value) {
            idempotencyWindow = value;
            return this;
        }

        /** Participants whose commands are written as plain JSON instead of Avro. None by default. */
        public Builder jsonParticipants(Set<String> value) {
            jsonParticipants = value;
            return this;
        }

        /** Replay mode: rebuild state from the input topics, send nothing. Off by default. */
        public Builder replay(boolean value) {
            replay = value;
            return this;
        }

        public OrchestratorConfig build() {
            return new OrchestratorConfig(bootstrapServers, applicationId, schemaRegistryUrl, topics, partitions,
                    replication, stateDir, applicationServer, commitInterval, timerInterval, historyLimit,
                    maxStateBytes, streamThreads, kafka, terminalRetention, idempotencyWindow, replay,
                    jsonParticipants);
        }
    }
}
