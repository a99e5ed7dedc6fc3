package dev.skald.participant;

import dev.skald.saga.definition.Durations;
import dev.skald.schemas.Redaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a participant runs. Build one in code with {@link #builder(String)}, or from configuration keys with
 * {@link #from(Map)}; every setting but {@code bootstrap.servers} has a default. {@link #SETTINGS} lists the keys
 * with their defaults and meaning (docs/participants.md shows the same table).
 *
 * <p>Invalid settings fail at construction with an {@link IllegalArgumentException} that lists every problem.
 *
 * @param bootstrapServers   the Kafka cluster
 * @param schemaRegistryUrl  {@code mock://<scope>} for an in-process registry, or a Confluent registry URL
 * @param topics             topic names (their prefix must match the orchestrator's)
 * @param groupId            the consumer group of the participant's instances; null for {@code skald-participant-<name>}
 * @param instanceId         this instance's id, part of its transactional ids and its static group membership;
 *                           stable across restarts, it lets a restarted instance take over its partitions and
 *                           abort its predecessor's open transaction at once; null for a random id per start
 * @param workers            consumer/producer pairs (threads) of this instance; partitions are spread over them
 * @param maxBatch           the most commands one transaction handles
 * @param pollTimeout        how long a worker waits for commands before it looks at its other duties
 * @param transactionTimeout the transaction timeout; a batch stops taking commands at half of it
 * @param handlerTimeout     the deadline of one handler call; a call that overruns it is answered with a
 *                           retriable failure saying so (less than {@code transactionTimeout})
 * @param dedupeRetention    how long replies are kept to answer redelivered commands (the dedupe window)
 * @param createTopics       whether missing topics are created at start
 * @param partitions         partitions of topics created here (the command topic, and the reply and dead-letter
 *                           topics if missing); must match the orchestrator's
 * @param replication        replication factor of topics created here
 * @param shutdownTimeout    how long {@code close()} waits for workers to finish their batch
 * @param maxReplyBytes      the largest reply output; a larger one is replaced by a business failure saying so
 * @param kafka              extra client settings (security.protocol, sasl.*, ssl.*...) passed to every client
 */
public record ParticipantConfig(String bootstrapServers, String schemaRegistryUrl, ParticipantTopics topics,
                                String groupId, String instanceId, int workers, int maxBatch, Duration pollTimeout,
                                Duration transactionTimeout, Duration handlerTimeout, Duration dedupeRetention, boolean createTopics,
                                int partitions, short replication, Duration shutdownTimeout, int maxReplyBytes,
                                Map<String, String> kafka) {

    /**
     * A configuration key.
     *
     * @param key          the key, as read by {@link #from(Map)}
     * @param defaultValue its default, in words where it is computed
     * @param doc          what it does
     */
    public record Setting(String key, String defaultValue, String doc) {
    }

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String GROUP_ID = "group.id";
    public static final String INSTANCE_ID = "instance.id";
    public static final String WORKERS = "workers";
    public static final String MAX_BATCH = "max.batch";
    public static final String POLL_TIMEOUT = "poll.timeout";
    public static final String TRANSACTION_TIMEOUT = "transaction.timeout";
    public static final String HANDLER_TIMEOUT = "handler.timeout";
    public static final String DEDUPE_RETENTION = "dedupe.retention";
    public static final String TOPICS_CREATE = "topics.create";
    public static final String PARTITIONS = "partitions";
    public static final String REPLICATION = "replication";
    public static final String SHUTDOWN_TIMEOUT = "shutdown.timeout";
    public static final String MAX_REPLY_BYTES = "max.reply.bytes";
    /** The prefix of extra Kafka client settings: {@code kafka.security.protocol=SASL_SSL}. */
    public static final String KAFKA_PREFIX = "kafka.";

    /** Every key, with its default and meaning. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting(BOOTSTRAP_SERVERS, "(required)", "The Kafka cluster, `host:port[,host:port...]`."),
            new Setting(SCHEMA_REGISTRY_URL, "mock://skald",
                    "`mock://<scope>` (in process, for tests and the embedded default) or `http(s)://` registry URLs."),
            new Setting(TOPIC_PREFIX, "skald.", "Prefix of every topic name; must match the orchestrator's."),
            new Setting(GROUP_ID, "skald-participant-<name>",
                    "Consumer group shared by the participant's instances and workers."),
            new Setting(INSTANCE_ID, "a random id per start",
                    "This instance's id, unique among live instances; transactional ids (and, when set, static"
                            + " `group.instance.id`) are `<group.id>-<instance.id>-<worker>`. Set it, stable across"
                            + " restarts (a pod name), so a restarted instance takes its partitions back without a"
                            + " rebalance and aborts the crashed instance's open transaction at once instead of"
                            + " after session and transaction timeouts."),
            new Setting(WORKERS, "1", "Worker threads, each with its own consumer and transactional producer;"
                    + " the command topic's partitions are spread over every worker of every instance."),
            new Setting(MAX_BATCH, "1000", "The most commands one transaction handles (`max.poll.records`). A"
                    + " transaction costs the same broker round trips whatever its size, so a small batch caps"
                    + " throughput (100 did at about 1,400 commands/s per worker on the benchmark machine); an aborted"
                    + " batch is handled again whole."),
            new Setting(POLL_TIMEOUT, "100ms", "How long a worker waits for commands before it checks its other"
                    + " duties (restoring the reply log, shutdown)."),
            new Setting(TRANSACTION_TIMEOUT, "30s", "`transaction.timeout.ms` of the producers. A batch takes no"
                    + " new command after half of it, nor once a handler call could overrun it (less than"
                    + " `handler.timeout` left)."),
            new Setting(HANDLER_TIMEOUT, "a third of transaction.timeout", "The deadline of one handler call;"
                    + " must be less than `transaction.timeout`. A call that overruns it is interrupted and its"
                    + " command answered `RETRIABLE_FAILURE` (`the handler of <type> exceeded its deadline of"
                    + " <handler.timeout>`), so the saga retries the step per its retry policy; a late result is"
                    + " dropped."),
            new Setting(DEDUPE_RETENTION, "7d", "How long replies are kept, in the reply log (`retention.ms`) and"
                    + " in memory, to answer redelivered commands. A command redelivered later is handled again."),
            new Setting(TOPICS_CREATE, "true", "Create missing topics at start: the command topic, the reply log,"
                    + " and the reply and dead-letter topics."),
            new Setting(PARTITIONS, "6", "Partitions of the command topic and, if missing, of the reply and"
                    + " dead-letter topics. Use the orchestrator's count. The reply log always gets the command"
                    + " topic's count."),
            new Setting(REPLICATION, "1", "Replication factor of the topics created here."),
            new Setting(SHUTDOWN_TIMEOUT, "30s", "How long `close()` waits for the workers to finish and commit"
                    + " their batch."),
            new Setting(MAX_REPLY_BYTES, "900000", "The largest reply output (JSON bytes); a larger output is"
                    + " replaced by a business failure that says so, rather than a reply Kafka would refuse."),
            new Setting(KAFKA_PREFIX + "*", "(none)", "Any Kafka client setting passed to every client, e.g."
                    + " `kafka.security.protocol`; the settings exactly-once depends on are refused."));

    /** Client settings the participant owns: overriding them would break exactly-once or the wire format. */
    static final Set<String> RESERVED_CLIENT_SETTINGS = Set.of("transactional.id", "isolation.level",
            "enable.auto.commit", "enable.idempotence", "group.id", "group.instance.id", "key.serializer",
            "value.serializer", "key.deserializer", "value.deserializer", "bootstrap.servers", "max.poll.records",
            "transaction.timeout.ms", "acks");

    public ParticipantConfig {
        List<String> problems = new ArrayList<>();
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            problems.add(BOOTSTRAP_SERVERS + " is required");
        }
        if (schemaRegistryUrl == null || schemaRegistryUrl.isBlank()) {
            problems.add(SCHEMA_REGISTRY_URL + " must not be empty");
        }
        if (topics == null) {
            problems.add("topics can't be null");
        }
        if (groupId != null && groupId.isBlank()) {
            problems.add(GROUP_ID + " must not be blank (leave it unset for skald-participant-<name>)");
        }
        if (instanceId != null && !instanceId.matches("[A-Za-z0-9._-]+")) {
            problems.add(INSTANCE_ID + " must be letters, digits, '.', '_' or '-', was '" + instanceId + "'");
        }
        atLeast(problems, WORKERS, workers, 1);
        atLeast(problems, MAX_BATCH, maxBatch, 1);
        positive(problems, POLL_TIMEOUT, pollTimeout);
        positive(problems, TRANSACTION_TIMEOUT, transactionTimeout);
        if (transactionTimeout != null && transactionTimeout.toMillis() > Integer.MAX_VALUE) {
            problems.add(TRANSACTION_TIMEOUT + " is too long: " + transactionTimeout);
        }
        positive(problems, HANDLER_TIMEOUT, handlerTimeout);
        if (handlerTimeout != null && transactionTimeout != null && handlerTimeout.compareTo(transactionTimeout) >= 0) {
            problems.add(HANDLER_TIMEOUT + " (" + Durations.format(handlerTimeout) + ") must be less than "
                    + TRANSACTION_TIMEOUT + " (" + Durations.format(transactionTimeout) + "): a handler call"
                    + " that outlives its transaction gets it aborted by the broker");
        }
        positive(problems, DEDUPE_RETENTION, dedupeRetention);
        atLeast(problems, PARTITIONS, partitions, 1);
        atLeast(problems, REPLICATION, replication, 1);
        positive(problems, SHUTDOWN_TIMEOUT, shutdownTimeout);
        atLeast(problems, MAX_REPLY_BYTES, maxReplyBytes, 1024);
        if (kafka == null) {
            problems.add("kafka can't be null (use an empty map)");
        } else {
            new TreeSet<>(kafka.keySet()).stream().filter(RESERVED_CLIENT_SETTINGS::contains)
                    .forEach(key -> problems.add(KAFKA_PREFIX + key + " is set by the participant itself and cannot"
                            + " be overridden"));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid participant configuration: " + String.join("; ", problems));
        }
        kafka = Map.copyOf(kafka);
    }

    private static void atLeast(List<String> problems, String key, int value, int least) {
        if (value < least) {
            problems.add(key + " must be at least " + least + ", was " + value);
        }
    }

    private static void positive(List<String> problems, String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            problems.add(key + " must be a positive duration, was " + value);
        }
    }

    /** A builder with every default, for this cluster. */
    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /**
     * A configuration from keys of {@link #SETTINGS} (values are strings or numbers, durations like {@code 30s}).
     * Unknown keys are errors, so a typo does not pass silently.
     *
     * @throws IllegalArgumentException listing every unknown key and invalid value
     */
    public static ParticipantConfig from(Map<String, ?> properties) {
        Objects.requireNonNull(properties, "properties can't be null");
        Builder b = new Builder(string(properties.get(BOOTSTRAP_SERVERS)));
        List<String> problems = new ArrayList<>();
        Map<String, String> kafka = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : new java.util.TreeMap<String, Object>(properties).entrySet()) {
            String key = e.getKey();
            String value = string(e.getValue());
            if (value == null) {
                problems.add(key + ": has no value");
                continue;
            }
            try {
                if (key.startsWith(KAFKA_PREFIX)) {
                    kafka.put(key.substring(KAFKA_PREFIX.length()), value);
                } else {
                    apply(b, key, value);
                }
            } catch (IllegalArgumentException ex) {
                problems.add(key + ": " + ex.getMessage());
            }
        }
        b.kafka(kafka);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid participant configuration: " + String.join("; ", problems));
        }
        return b.build();
    }

    private static void apply(Builder b, String key, String value) {
        switch (key) {
            case BOOTSTRAP_SERVERS:
                break;
            case SCHEMA_REGISTRY_URL:
                b.schemaRegistryUrl(value);
                break;
            case TOPIC_PREFIX:
                b.topics(new ParticipantTopics(value));
                break;
            case GROUP_ID:
                b.groupId(value);
                break;
            case INSTANCE_ID:
                b.instanceId(value);
                break;
            case WORKERS:
                b.workers(integer(value));
                break;
            case MAX_BATCH:
                b.maxBatch(integer(value));
                break;
            case POLL_TIMEOUT:
                b.pollTimeout(Durations.parse(value));
                break;
            case TRANSACTION_TIMEOUT:
                b.transactionTimeout(Durations.parse(value));
                break;
            case HANDLER_TIMEOUT:
                b.handlerTimeout(Durations.parse(value));
                break;
            case DEDUPE_RETENTION:
                b.dedupeRetention(Durations.parse(value));
                break;
            case TOPICS_CREATE:
                b.createTopics(bool(value));
                break;
            case PARTITIONS:
                b.partitions(integer(value));
                break;
            case REPLICATION:
                b.replication((short) integer(value));
                break;
            case SHUTDOWN_TIMEOUT:
                b.shutdownTimeout(Durations.parse(value));
                break;
            case MAX_REPLY_BYTES:
                b.maxReplyBytes(integer(value));
                break;
            default:
                throw new IllegalArgumentException("unknown key (known keys: " + String.join(", ",
                        SETTINGS.stream().map(Setting::key).toList()) + ")");
        }
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static int integer(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number", e);
        }
    }

    private static boolean bool(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("'" + value + "' is not true or false");
    }

    /** The settings with secrets hidden (client passwords, JAAS configuration, URL credentials): safe to log. */
    @Override
    public String toString() {
        return "ParticipantConfig[bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl="
                + Redaction.url(schemaRegistryUrl) + ", topics=" + topics + ", groupId=" + groupId + ", instanceId="
                + instanceId + ", workers=" + workers + ", maxBatch=" + maxBatch + ", pollTimeout=" + pollTimeout
                + ", transactionTimeout=" + transactionTimeout + ", handlerTimeout=" + handlerTimeout
                + ", dedupeRetention=" + dedupeRetention
                + ", createTopics=" + createTopics + ", partitions=" + partitions + ", replication=" + replication
                + ", shutdownTimeout=" + shutdownTimeout + ", maxReplyBytes=" + maxReplyBytes + ", kafka="
                + Redaction.settings(kafka) + "]";
    }

    /** Whether the instance id is set, so the workers are static members of the group. */
    public boolean staticMembership() {
        return instanceId != null;
    }

    /** The consumer group of a participant with this name under this configuration. */
    public String groupIdFor(String participant) {
        return groupId != null ? groupId : "skald-participant-" + participant;
    }

    /** Builds a {@link ParticipantConfig}. */
    public static final class Builder {
        private final String bootstrapServers;
        private String schemaRegistryUrl = "mock://skald";
        private ParticipantTopics topics = ParticipantTopics.DEFAULT;
        private String groupId;
        private String instanceId;
        private int workers = 1;
        private int maxBatch = 1000;
        private Duration pollTimeout = Duration.ofMillis(100);
        private Duration transactionTimeout = Duration.ofSeconds(30);
        private Duration handlerTimeout;
        private Duration dedupeRetention = Duration.ofDays(7);
        private boolean createTopics = true;
        private int partitions = 6;
        private short replication = 1;
        private Duration shutdownTimeout = Duration.ofSeconds(30);
        private int maxReplyBytes = 900_000;
        private Map<String, String> kafka = Map.of();

        private Builder(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
        }

        public Builder schemaRegistryUrl(String value) {
            schemaRegistryUrl = value;
            return this;
        }

        public Builder topics(ParticipantTopics value) {
            topics = value;
            return this;
        }

        public Builder groupId(String value) {
            groupId = value;
            return this;
        }

        public Builder instanceId(String value) {
            instanceId = value;
            return this;
        }

        public Builder workers(int value) {
            workers = value;
            return this;
        }

        public Builder maxBatch(int value) {
            maxBatch = value;
            return this;
        }

        public Builder pollTimeout(Duration value) {
            pollTimeout = value;
            return this;
        }

        public Builder transactionTimeout(Duration value) {
            transactionTimeout = value;
            return this;
        }

        /** The deadline of one handler call; unset, a third of the transaction timeout. */
        public Builder handlerTimeout(Duration value) {
            handlerTimeout = value;
            return this;
        }

        public Builder dedupeRetention(Duration value) {
            dedupeRetention = value;
            return this;
        }

        public Builder createTopics(boolean value) {
            createTopics = value;
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

        public Builder shutdownTimeout(Duration value) {
            shutdownTimeout = value;
            return this;
        }

        public Builder maxReplyBytes(int value) {
            maxReplyBytes = value;
            return this;
        }

        public Builder kafka(Map<String, String> value) {
            kafka = value;
            return this;
        }

        /**
         * Kafka client settings shared with another component (an orchestrator's {@code skald.kafka.*}): those the
         * participant owns, such as {@code transaction.timeout.ms}, are left out instead of refused.
         */
        public Builder sharedKafka(Map<String, String> value) {
            Map<String, String> shared = new LinkedHashMap<>(value);
            shared.keySet().removeAll(RESERVED_CLIENT_SETTINGS);
            kafka = shared;
            return this;
        }

        public ParticipantConfig build() {
            return new ParticipantConfig(bootstrapServers, schemaRegistryUrl, topics, groupId, instanceId, workers,
                    maxBatch, pollTimeout, transactionTimeout, handlerTimeoutOrDefault(), dedupeRetention, createTopics,
                    partitions, replication, shutdownTimeout, maxReplyBytes, kafka);
        }

        private Duration handlerTimeoutOrDefault() {
            return handlerTimeout != null || transactionTimeout == null ? handlerTimeout : transactionTimeout.dividedBy(3);
        }
    }
}
