package dev.skald.orchestrator;

import dev.skald.saga.definition.Identifiers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The orchestrator's configuration keys, in one place: each with its environment variable, default, meaning, parser
 * and bounds. {@link OrchestratorConfig.Builder} takes its defaults from here, {@link OrchestratorConfig} checks its
 * values against the bounds here, the Micronaut application reads its {@code skald.*} keys through
 * {@link #read(Function, List)}, and the key table of docs/configuration.md is generated from {@link #ALL}.
 *
 * <p>A problem always names the key: {@code skald.partitions must be between 1 and 10000, was 0}.
 */
public final class OrchestratorSettings {

    /**
     * A configuration key.
     *
     * @param key                  the key, as Micronaut reads it ({@code skald.partitions}); a key ending in
     *                             {@code .*} names a family of keys ({@code skald.kafka.*})
     * @param environmentVariables the environment variables that set it, usually one
     * @param defaultValue         its value when unset; null when it has none
     * @param defaultText          its default as the docs show it, or null when it has none
     * @param doc                  what it does (Markdown)
     * @param parser               reads a value from its text (trimmed); throws {@link IllegalArgumentException}
     * @param bounds               what is wrong with a value, or null when nothing is
     * @param <T>                  the type of its value
     */
    public record Setting<T>(String key, List<String> environmentVariables, T defaultValue, String defaultText,
                             String doc, Function<String, T> parser, Function<T, String> bounds) {

        public Setting {
            Objects.requireNonNull(key, "key can't be null");
            environmentVariables = List.copyOf(environmentVariables);
            Objects.requireNonNull(doc, "doc can't be null");
            Objects.requireNonNull(parser, "parser can't be null");
            Objects.requireNonNull(bounds, "bounds can't be null");
        }

        /**
         * The value that {@code text} gives this key, within its bounds.
         *
         * @throws IllegalArgumentException naming the key, when the text is no value or one out of bounds
         */
        public T parse(String text) {
            Objects.requireNonNull(text, "text can't be null");
            T value;
            try {
                value = parser.apply(text.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            }
            String problem = problem(value);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            return value;
        }

        /** What is wrong with {@code value} for this key, naming the key; or null when it is within bounds. */
        public String problem(T value) {
            String problem = bounds.apply(value);
            return problem == null ? null : key + " " + problem;
        }

        /** Whether this names a family of keys ({@code skald.kafka.*}) rather than one key. */
        public boolean isFamily() {
            return key.endsWith(".*");
        }
    }

    /**
     * Values of settings, each read from its text or its default.
     *
     * @param byKey the values by key (null for a setting without value)
     */
    public record Values(Map<String, Object> byKey) {
        public Values {
            byKey = Collections.unmodifiableMap(new HashMap<>(byKey));
        }

        /** The value of {@code setting}, which must be one of those read. */
        @SuppressWarnings("unchecked")
        public <T> T get(Setting<T> setting) {
            if (!byKey.containsKey(setting.key())) {
                throw new IllegalArgumentException(setting.key() + " was not read");
            }
            return (T) byKey.get(setting.key());
        }
    }

    public static final Setting<String> BOOTSTRAP_SERVERS = text("skald.bootstrap-servers", "embedded",
            "The Kafka cluster (`host:port,...`). `embedded` starts a single-node broker inside the application (data"
                    + " in a temporary directory, lost on exit): for trying Skald out, never for production.");
    public static final Setting<String> APPLICATION_ID = text("skald.application-id", "skald-orchestrator",
            "The Kafka Streams application id. Instances with the same id share the partitions (and answer for each"
                    + " other's sagas); it also prefixes the internal changelog topics and names the consumer group.");
    public static final Setting<String> SCHEMA_REGISTRY_URL = text("skald.schema-registry-url", "mock://skald",
            "`mock://<scope>` for an in-process registry (one JVM only: fine for the embedded broker and tests), or"
                    + " the URL(s) of a Confluent-compatible Schema Registry, comma-separated. Participants must use"
                    + " the same registry. See [schemas.md](schemas.md).");
    public static final Setting<String> TOPIC_PREFIX = setting("skald.topic-prefix", "skald.", Function.identity(),
            value -> value == null ? "must be set" : null,
            "The prefix of every Skald topic (`skald.saga-starts`, `skald.commands.<participant>`...). Another prefix"
                    + " lets several Skald installations share a cluster.");
    public static final Setting<Integer> PARTITIONS = whole("skald.partitions", 6, 1, 10_000,
            "Partitions of the topics Skald creates (the input topics must all have the same count). The most"
                    + " instances that can share the work; it cannot change once the topics exist.");
    public static final Setting<Integer> REPLICATION = whole("skald.replication", 1, 1, Short.MAX_VALUE,
            "Replication factor of the topics Skald creates and of Kafka Streams' internal topics. Use 3 on a"
                    + " production cluster.");
    public static final Setting<Path> STATE_DIR = new Setting<>("skald.state-dir",
            List.of(variable("skald.state-dir")), Path.of(System.getProperty("java.io.tmpdir"), "skald-state"),
            "<java.io.tmpdir>/skald-state",
            "The Kafka Streams state directory (RocksDB stores). Give each instance its own; keep it on a persistent"
                    + " disk so a restart does not restore the stores from their changelogs.",
            Path::of, value -> value == null ? "must be set" : null);
    public static final Setting<String> ADVERTISED_HOST = text("skald.advertised-host", "localhost",
            "The host other instances use to reach this one's HTTP port when they route a query to it (advertised as"
                    + " `<host>:<micronaut.server.port>`). Set it to the instance's hostname or IP as soon as instances"
                    + " run on more than one machine.");
    public static final Setting<Duration> COMMIT_INTERVAL = duration("skald.commit-interval", "30ms", false, "10m",
            "How often the exactly-once transaction commits: a command or a reply waits up to this long before"
                    + " participants and the orchestrator see it, at each of a saga's hops. Longer means fewer"
                    + " transactions (less broker work per saga) and more latency: on the benchmark machine, 100 ms"
                    + " instead of 30 ms doubled a four-step saga's median latency for no gain in throughput (see"
                    + " [benchmarks.md](benchmarks.md#commit-interval-latency-against-broker-work)).");
    public static final Setting<Duration> TIMER_INTERVAL = duration("skald.timer-interval", "100ms", true, "1h",
            "How often due timers (waits, retry backoffs, timeouts) are looked for: the precision of timers against"
                    + " load.");
    public static final Setting<Integer> HISTORY_LIMIT = whole("skald.history-limit", 200, 0, 100_000,
            "History events kept per saga for `GET /sagas/{id}/history` (0 keeps none). The topic `skald.saga-events`"
                    + " holds the full history.");
    public static final Setting<Integer> MAX_STATE_BYTES = whole("skald.max-state-bytes", 900_000, 1024,
            100_000_000,
            "The largest encoded saga state (at least 1024). A reply whose output would make a saga's state larger"
                    + " goes to the dead-letter topic (header `skald.dlq.kind` = `TOO_LARGE`, so the output is kept)"
                    + " and is applied as a business failure of its step with that reason: the saga fails visibly."
                    + " Any other input that would make it larger is dead-lettered and not applied. See"
                    + " [orchestrator.md](orchestrator.md#bad-input-never-stops-the-stream-and-is-never-lost).");
    public static final Setting<Integer> STREAM_THREADS = whole("skald.stream-threads", 1, 1, 64,
            "Kafka Streams threads of this instance.");
    public static final Setting<Duration> TERMINAL_RETENTION = duration("skald.terminal-retention", "7d", false,
            "3650d",
            "How long a `COMPLETED` or `COMPENSATED` saga stays in the store (and queryable) after it ended; then it"
                    + " is deleted (a tombstone in the changelog) together with its history-store entry. `0` keeps"
                    + " ended sagas forever. `FAILED` and `COMPENSATION_FAILED` sagas wait for an operator and are"
                    + " never deleted. The topics keep the history as long as their own retention says. A repeated"
                    + " start of a deleted saga (same saga id or idempotency key) starts nothing while"
                    + " `skald.idempotency-window` keeps its id. At most 3,650 days.");
    public static final Setting<Duration> IDEMPOTENCY_WINDOW = duration("skald.idempotency-window", "30d", false,
            "3650d",
            "How long the id of a saga deleted after `skald.terminal-retention` stays taken: a repeated start with"
                    + " the same saga id or idempotency key within it is dead-lettered as `REJECTED` (\"already"
                    + " ran\") and starts nothing. Keep it longer than the retention and than the longest time a"
                    + " client may retry a start. `0` forgets the id at deletion. At most 3,650 days.");
    public static final Setting<Boolean> REPLAY = flag("skald.replay", false,
            "Replay mode: the instance reads the input topics from the beginning into its stores and sends nothing"
                    + " (no commands, history, results, timers or dead letters); writes through its REST API are"
                    + " refused. For rebuilding state under a new application id and verifying it: see"
                    + " [operations.md](operations.md#rebuild-the-state-from-the-topics).");
    public static final Setting<Set<String>> JSON_PARTICIPANTS = setting("skald.json-participants", "",
            OrchestratorSettings::names, OrchestratorSettings::participantNames,
            "Participants whose commands are written in Skald's plain JSON encoding instead of Avro, comma-separated"
                    + " (`inventory,emails`), for services with a Kafka client but no Avro library. Replies and every"
                    + " other input are read in either encoding whatever this says. See"
                    + " [protocol.md](protocol.md#json-encoding).");
    public static final Setting<Boolean> ORCHESTRATOR_ENABLED = flag("skald.orchestrator.enabled", true,
            "`false` keeps the orchestrator (and its REST API) out of a Micronaut application that has this module"
                    + " on its classpath, e.g. one that only runs participants.");
    public static final Setting<Boolean> HTTP_TASKS_ENABLED = flag("skald.http-tasks.enabled", true,
            "Runs the executor of `http` steps (the participant `skald-http`) in the orchestrator's process. `false`"
                    + " when it runs elsewhere (its own process, closer to the APIs it calls) or no saga has http steps."
                    + " See [definitions.md](definitions.md#http-steps).");
    public static final Setting<Duration> HTTP_TASKS_CALL_TIMEOUT = duration("skald.http-tasks.call-timeout", "5s",
            true, "4m", "How long one call of an `http` step may take, connecting included; a call that overruns it"
                    + " is retried under the step's retry policy.");
    public static final Setting<Boolean> JQ_TASKS_ENABLED = flag("skald.jq-tasks.enabled", true,
            "Runs the executor of jq steps (Conductor's `JSON_JQ_TRANSFORM`, the participant `skald-jq`) in the"
                    + " orchestrator's process. `false` when it runs elsewhere or no saga has jq steps. See"
                    + " [definitions.md](definitions.md#jq-steps).");
    public static final Setting<String> KAFKA = setting("skald.kafka.*", null, Function.identity(), value -> null,
            "Kafka client settings, passed to every client Skald creates (below), and to the Avro serdes (registry"
                    + " credentials: `skald.kafka.basic.auth.user.info`).");
    public static final Setting<String> API_TOKEN = setting("skald.api.token", null, Function.identity(),
            value -> value != null && value.isBlank() ? "must not be blank (leave it unset for an open API)" : null,
            "The bearer token every request that changes something (every method but GET, HEAD, OPTIONS) must"
                    + " carry: `Authorization: Bearer <token>`; others get 401. Unset: the API is open, and a WARN at"
                    + " startup says so. See [security.md](security.md#the-rest-api-token).");
    public static final Setting<Boolean> API_TOKEN_REQUIRED_FOR_READS = flag("skald.api.token-required-for-reads",
            false,
            "`true`: reads need the token too (instances then send it when they route a read to each other);"
                    + " `/health`, `/health/ready`, `/metrics` and the dashboard's files (`/ui`) stay open.");
    public static final Setting<Integer> PORT = new Setting<>("micronaut.server.port",
            List.of("SKALD_PORT", variable("micronaut.server.port")), 8080, "8080",
            "The HTTP port of the REST API. It is advertised to the other instances, so it must be a fixed port (not"
                    + " `-1`).",
            OrchestratorSettings::wholeNumber, between(1, 65_535));

    /** Every key, in the order of the docs. */
    public static final List<Setting<?>> ALL = List.of(BOOTSTRAP_SERVERS, APPLICATION_ID, SCHEMA_REGISTRY_URL,
            TOPIC_PREFIX, PARTITIONS, REPLICATION, STATE_DIR, ADVERTISED_HOST, COMMIT_INTERVAL, TIMER_INTERVAL,
            HISTORY_LIMIT, MAX_STATE_BYTES, STREAM_THREADS, TERMINAL_RETENTION, IDEMPOTENCY_WINDOW, REPLAY,
            JSON_PARTICIPANTS, ORCHESTRATOR_ENABLED, HTTP_TASKS_ENABLED, HTTP_TASKS_CALL_TIMEOUT, JQ_TASKS_ENABLED, KAFKA, API_TOKEN, API_TOKEN_REQUIRED_FOR_READS, PORT);

    private OrchestratorSettings() {
    }

    /**
     * The values of {@code settings}, each parsed from the text {@code source} gives for its key, or its default when
     * the source has none.
     *
     * @throws IllegalArgumentException listing every value that does not parse or is out of bounds, by key
     */
    public static Values read(Function<String, Optional<String>> source, List<Setting<?>> settings) {
        Objects.requireNonNull(source, "source can't be null");
        Map<String, Object> values = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Setting<?> setting : settings) {
            if (setting.isFamily()) {
                throw new IllegalArgumentException(setting.key() + " is a family of keys, not one to read");
            }
            try {
                Optional<String> text = source.apply(setting.key());
                values.put(setting.key(), text.isPresent() ? setting.parse(text.get()) : setting.defaultValue());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid orchestrator configuration: " + String.join("; ", problems));
        }
        return new Values(values);
    }

    /** The environment variable of a key: upper case, dots and hyphens as underscores. */
    static String variable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A setting whose default is given as text and read by its own parser. */
    private static <T> Setting<T> setting(String key, String defaultText, Function<String, T> parser,
                                          Function<T, String> bounds, String doc) {
        T defaultValue = defaultText == null ? null : parser.apply(defaultText);
        return new Setting<>(key, List.of(variable(key)), defaultValue, defaultText, doc, parser, bounds);
    }

    private static Setting<String> text(String key, String defaultText, String doc) {
        return setting(key, defaultText, Function.identity(),
                value -> value == null || value.isBlank() ? "must not be empty" : null, doc);
    }

    private static Setting<Integer> whole(String key, int defaultValue, int least, int most, String doc) {
        return setting(key, Integer.toString(defaultValue), OrchestratorSettings::wholeNumber, between(least, most),
                doc);
    }

    private static Setting<Boolean> flag(String key, boolean defaultValue, String doc) {
        return setting(key, Boolean.toString(defaultValue), OrchestratorSettings::trueOrFalse,
                value -> value == null ? "must be set" : null, doc);
    }

    /** A duration up to {@code longest}, positive or not negative; {@code 0} is a duration. */
    private static Setting<Duration> duration(String key, String defaultText, boolean positive, String longest,
                                              String doc) {
        Duration most = durationText(longest);
        Function<Duration, String> bounds = value -> {
            if (value == null) {
                return "must be set";
            }
            if (positive ? value.isZero() || value.isNegative() : value.isNegative()) {
                return "must be " + (positive ? "positive" : "0 or more") + ", was " + value;
            }
            return value.compareTo(most) > 0 ? "must be at most " + longest + ", was " + value : null;
        };
        return setting(key, defaultText, OrchestratorSettings::durationText, bounds, doc);
    }

    private static Function<Integer, String> between(int least, int most) {
        return value -> value == null || value < least || value > most
                ? "must be between " + least + " and " + most + ", was " + value : null;
    }

    private static int wholeNumber(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number", e);
        }
    }

    private static Set<String> names(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String participantNames(Set<String> names) {
        if (names == null) {
            return "must be set";
        }
        return names.stream().sorted()
                .map(name -> Identifiers.PARTICIPANT.problem(name).orElse(null))
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static boolean trueOrFalse(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("'" + text + "' is not true or false");
    }

    private static Duration durationText(String text) {
        return text.equals("0") ? Duration.ZERO : dev.skald.saga.definition.Durations.parse(text);
    }
}
