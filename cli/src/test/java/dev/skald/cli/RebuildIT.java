package dev.skald.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skald.avro.SagaCommand;
import dev.skald.orchestrator.StartRequest;
import dev.skald.orchestrator.TestParticipants.Answer;
import dev.skald.orchestrator.app.AppFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code skald rebuild} replays the topics of a live application into a new application id and finds every saga
 * identical: completed, compensated, cancelled, waiting on a participant and waiting on a timer.
 */
@Tag("kafka")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RebuildIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "rebuild-it";

    /** A saga that reserves, then sends {@code charge}, then (when {@code rest}) waits an hour. */
    private static String definition(String name, String charge, boolean rest) {
        return """
                {"name": "%s", "version": 1, "steps": [
                  {"id": "reserve", "participant": "shop", "command": "Reserve",
                   "compensation": {"participant": "shop", "command": "Release"}},
                  {"id": "charge", "participant": "shop", "command": "%s", "dependsOn": ["reserve"]}%s
                ]}""".formatted(name, charge, rest
                ? ",\n  {\"id\": \"rest\", \"type\": \"wait\", \"duration\": \"1h\", \"dependsOn\": [\"charge\"]}"
                : "");
    }

    private AppFixture fixture;

    @TempDir
    Path dir;

    @BeforeAll
    void start() {
        fixture = AppFixture.start(APP, Map.of("skald.partitions", 3), RebuildIT::script);
    }

    /** {@code Charge} succeeds, {@code Decline} fails (the saga compensates), {@code Hold} is never answered. */
    private static Answer script(SagaCommand command) {
        return switch (command.getCommandType()) {
            case "Decline" -> Answer.fail("declined");
            case "Hold" -> null;
            default -> Answer.ok("{\"by\": \"" + command.getCommandType() + "\"}");
        };
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private CliRun skald(String... args) {
        return CliRun.run(Map.of("SKALD_API", fixture.app().uri().toString(), "SKALD_BOOTSTRAP_SERVERS",
                fixture.kafka().bootstrapServers(), "SKALD_SCHEMA_REGISTRY_URL", "mock://" + APP), args);
    }

    private String status(String sagaId) {
        CliRun run = skald("status", sagaId, "--json");
        try {
            return run.exitCode() == 0 ? JSON.readTree(run.out()).path("status").asText() : run.err();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aRebuildIntoANewApplicationIdHoldsEverySagaAsTheLiveOneDoes() throws IOException {
        apply("done", "Charge", false);
        apply("undone", "Decline", false);
        apply("held", "Hold", false);
        apply("resting", "Charge", true);
        start("done", 4);
        start("undone", 3);
        start("held", 2);
        start("resting", 3);
        await().atMost(Duration.ofSeconds(60)).until(() -> status("resting-2").equals("RUNNING")
                && stepStatus("resting-2", 2).equals("WAITING"));
        assertThat(skald("cancel", "resting-2").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(90)).until(() -> statuses("done", 4).allMatch("COMPLETED"::equals)
                && statuses("undone", 3).allMatch("COMPENSATED"::equals)
                && status("resting-2").equals("COMPENSATED")
                && stepStatus("held-1", 1).equals("RUNNING") && stepStatus("resting-1", 2).equals("WAITING"));

        CliRun rebuild = skald("rebuild", "--application-id", APP + "-rebuilt", "--timeout", "2m");

        assertThat(rebuild.exitCode()).as(rebuild.toString()).isZero();
        assertThat(rebuild.out()).isEqualTo("12 sagas identical\n");
        CliRun again = skald("rebuild", "--application-id", APP + "-rebuilt");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("application id 'rebuild-it-rebuilt' has run before");
    }

    private void apply(String name, String charge, boolean rest) throws IOException {
        Path file = Files.writeString(dir.resolve(name + ".json"), definition(name, charge, rest));
        CliRun run = skald("definitions", "apply", file.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    /** Starts sagas {@code <definition>-0...}. */
    private void start(String definition, int count) {
        fixture.app().orchestrator().startSagas(IntStream.range(0, count)
                .mapToObj(i -> StartRequest.of(definition).sagaId(definition + "-" + i)).toList());
    }

    private java.util.stream.Stream<String> statuses(String prefix, int count) {
        List<String> all = IntStream.range(0, count).mapToObj(i -> status(prefix + "-" + i)).toList();
        return all.stream();
    }

    private String stepStatus(String sagaId, int step) {
        CliRun run = skald("status", sagaId, "--json");
        try {
            JsonNode saga = JSON.readTree(run.out().isEmpty() ? "{}" : run.out());
            return saga.path("steps").path(step).path("status").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
