package dev.skald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.cli.internal.ApiClient;
import dev.skald.cli.internal.Arguments;
import dev.skald.cli.internal.CliException;
import dev.skald.cli.internal.DurationOption;
import dev.skald.cli.internal.InputLag;
import dev.skald.cli.internal.KafkaAccess;
import dev.skald.cli.internal.RebuildComparison;
import dev.skald.orchestrator.NotReadyException;
import dev.skald.orchestrator.Orchestrator;
import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.orchestrator.SagaFilter;
import dev.skald.orchestrator.SagaView;
import dev.skald.saga.definition.Durations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code skald rebuild --application-id NEW}: replays every input topic from the beginning into a fresh orchestrator
 * in this JVM (replay mode: it sends nothing), waits until it has caught up, and compares its sagas with the live
 * API's, saga by saga. Exit code 0 only when they are identical.
 */
@Command(name = "rebuild", description = "Rebuild an orchestrator's state from the topics into a fresh instance "
        + "(a new application id, replay mode: it sends nothing) and prove it equals the live state, saga by saga.")
final class RebuildCommand extends CliCommand {
    private static final Duration PAUSE = Duration.ofMillis(500);
    /** How long differences may persist once the replay caught up (the live instance may be a moment behind). */
    private static final Duration SETTLE = Duration.ofSeconds(20);

    @Option(names = "--application-id", required = true, paramLabel = "NEW", converter = Arguments.KafkaName.class,
            description = "A new Kafka Streams application id (consumer group) for the rebuilt instance.")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where the rebuilt stores go (default: a temporary directory, deleted afterwards).")
    Path stateDir;

    @Option(names = "--compare-with", paramLabel = "URL", description = "The live API to compare with (default: --api).")
    String compareWith;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "The schema registry (default: $SKALD_SCHEMA_REGISTRY_URL, else mock://skald).")
    String schemaRegistryUrl;

    @Option(names = "--terminal-retention", paramLabel = "DURATION", converter = DurationOption.class,
            description = "The live instances' skald.terminal-retention (default: $SKALD_TERMINAL_RETENTION, else 7d).")
    Duration terminalRetention;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationOption.class,
            description = "How long the replay may take to catch up (default 5m); differences are reported once "
                    + "they persist for 20 s after it caught up.")
    Duration timeout;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10000", converter = Arguments.Limit.class,
            description = "The most sagas to list from the live API (default and most " + Arguments.MAX_LIMIT + ").")
    int limit;

    @Override
    int execute() {
        KafkaAccess kafka = cli().kafka();
        ApiClient live = compareWith == null ? api() : cli().api("--compare-with", compareWith);
        Path dir = stateDir == null ? temporaryDirectory() : stateDir;
        try (Admin admin = kafka.admin()) {
            requireFresh(new InputLag(kafka, admin), kafka);
            try (Orchestrator replay = start(kafka, dir, replicationOfInputs(kafka, admin))) {
                RebuildComparison.Report report = verify(replay, new InputLag(kafka, admin), live);
                print(report);
                return report.identical() ? 0 : CliException.FAILED;
            }
        } finally {
            if (stateDir == null) {
                delete(dir);
            }
        }
    }

    private void requireFresh(InputLag lag, KafkaAccess kafka) {
        if (lag.hasCommitted(applicationId, kafka.topics().inputs())) {
            throw CliException.failed("application id '" + applicationId + "' has run before (its consumer group "
                    + "has committed offsets): give a new one");
        }
    }

    /**
     * The replication factor of Skald's start topic: the replay's own topics (changelogs, repartition topics) get the
     * same, so that a cluster with {@code min.insync.replicas} above 1 accepts their writes.
     */
    private static short replicationOfInputs(KafkaAccess kafka, Admin admin) {
        String starts = kafka.topics().starts();
        TopicDescription description = kafka.await(admin.describeTopics(List.of(starts)).allTopicNames(),
                "describing topic " + starts).get(starts);
        return (short) description.partitions().get(0).replicas().size();
    }

    private Orchestrator start(KafkaAccess kafka, Path dir, short replication) {
        OrchestratorConfig config = OrchestratorConfig.builder(kafka.bootstrapServers())
                .applicationId(applicationId)
                .schemaRegistryUrl(setting(schemaRegistryUrl, "SKALD_SCHEMA_REGISTRY_URL", "mock://skald"))
                .topics(kafka.topics())
                .stateDir(dir)
                .replication(replication)
                .kafka(kafka.extra())
                .terminalRetention(terminalRetention != null ? terminalRetention : terminalRetentionOfEnvironment())
                .replay(true)
                .build();
        try {
            return Orchestrator.start(config);
        } catch (IllegalStateException e) {
            throw new CliException("the replay instance did not start: " + e.getMessage(), CliException.FAILED, e);
        }
    }

    private Duration terminalRetentionOfEnvironment() {
        try {
            return Durations.parse(setting(null, "SKALD_TERMINAL_RETENTION", "7d"));
        } catch (IllegalArgumentException e) {
            throw new CliException("SKALD_TERMINAL_RETENTION: " + e.getMessage(), CliException.FAILED, e);
        }
    }

    private String setting(String option, String variable, String fallback) {
        String value = option != null ? option : cli().env().get(variable);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Waits until the replay has caught up and the states agree, or the timeout; the last comparison. */
    private RebuildComparison.Report verify(Orchestrator replay, InputLag lag, ApiClient live) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long differentSince = Long.MAX_VALUE;
        while (true) {
            long pending = lag.pending(applicationId, replay.config().topics().inputs());
            boolean late = System.nanoTime() > deadline;
            if (pending == 0) {
                Map<String, JsonNode> rebuilt = sagas(replay);
                if (rebuilt != null) {
                    RebuildComparison.Report report = RebuildComparison.compare(rebuilt, live, limit);
                    differentSince = Math.min(differentSince, System.nanoTime());
                    if (report.identical() || late || System.nanoTime() - differentSince > SETTLE.toNanos()) {
                        return report;
                    }
                }
            } else if (late) {
                throw CliException.failed("the replay did not catch up within " + timeout + ": " + pending
                        + " input records to go");
            }
            pause();
        }
    }

    /** The rebuilt sagas, as {@code GET /sagas/{id}} renders them; null while the stores are not queryable. */
    private static Map<String, JsonNode> sagas(Orchestrator replay) {
        try {
            Map<String, JsonNode> sagas = new LinkedHashMap<>();
            for (SagaView saga : replay.queries().sagas(SagaFilter.all(), Integer.MAX_VALUE)) {
                sagas.put(saga.sagaId(), saga.toJson());
            }
            return sagas;
        } catch (NotReadyException e) {
            return null;
        }
    }

    private void print(RebuildComparison.Report report) {
        if (out().json()) {
            out().json(report.toJson());
        } else if (report.identical()) {
            out().line(report.sagas() + (report.sagas() == 1 ? " saga identical" : " sagas identical"));
        } else {
            report.mismatches().forEach(m -> m.lines().forEach(out()::line));
            out().line(report.mismatches().size() + " of " + report.sagas() + " sagas differ");
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for the replay", CliException.FAILED, e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("skald-rebuild-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
