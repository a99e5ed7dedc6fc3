package dev.skald.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skald.orchestrator.TestParticipants.Answer;
import dev.skald.orchestrator.app.AppFixture;
import dev.skald.orchestrator.app.AppInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against the real application on a real broker: definitions, start, status, list, history, cancel. */
@Tag("kafka")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliRoundTripIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GREETING = """
            {"name": "greeting", "version": 1, "steps": [
              {"id": "greet", "participant": "greeter", "command": "SayHello", "input": {"name": "${input.name}"}}
            ]}""";
    private static final String NAP = """
            name: nap
            version: 1
            steps:
              - id: hello
                participant: greeter
                command: SayHello
                compensation: {participant: greeter, command: SayGoodbye}
              - id: sleep
                type: wait
                duration: 1h
                dependsOn: [hello]
            """;

    private AppFixture fixture;

    @TempDir
    Path dir;

    @BeforeAll
    void start() {
        fixture = AppFixture.start("cli-round-trip-it", Map.of("skald.partitions", 3),
                command -> Answer.ok("{\"said\": true}"));
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private CliRun skald(String... args) {
        return CliRun.run(Map.of("SKALD_API", fixture.app().uri().toString()), args);
    }

    private JsonNode json(String... args) {
        CliRun run = skald(args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        try {
            return JSON.readTree(run.out());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String status(String sagaId) {
        return json("status", sagaId, "--json").path("status").asText();
    }

    @Test
    void appliesStartsFollowsAndCancelsSagas() throws IOException {
        Path greeting = Files.writeString(dir.resolve("greeting.json"), GREETING);
        Path nap = Files.writeString(dir.resolve("nap.yaml"), NAP);

        assertThat(skald("definitions", "apply", greeting.toString(), nap.toString()).out())
                .isEqualTo("applied greeting version 1 (created)\napplied nap version 1 (created)\n");
        assertThat(skald("definitions", "apply", greeting.toString()).out())
                .isEqualTo("applied greeting version 1 (unchanged)\n");
        assertThat(skald("definitions", "list").out()).containsPattern("greeting +1 +1\n").containsPattern("nap +1 +1\n");
        assertThat(json("definitions", "show", "nap").path("steps").get(1).path("id").asText()).isEqualTo("sleep");

        assertThat(skald("start", "greeting", "--saga-id", "g-1", "--input", "{\"name\": \"Ada\"}").out())
                .isEqualTo("started saga g-1\n");
        await().atMost(Duration.ofSeconds(60)).until(() -> status("g-1").equals("COMPLETED"));
        assertThat(skald("status", "g-1").out()).contains("status      COMPLETED", "input       {\"name\":\"Ada\"}")
                .containsPattern("greet +COMPLETED +1 +\\{\"said\":true\\} +-");
        assertThat(skald("history", "g-1").out()).contains("SAGA_TRANSITION", "STEP_TRANSITION");

        String napId = json("start", "nap", "--json").path("sagaId").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> json("status", napId, "--json").path("steps").get(0)
                .path("status").asText().equals("COMPLETED"));
        assertThat(skald("cancel", napId, "--reason", "changed my mind").out())
                .startsWith("cancel requested for saga " + napId);
        await().atMost(Duration.ofSeconds(60)).until(() -> status(napId).equals("COMPENSATED"));
        assertThat(fixture.participants().trace(napId)).containsExactly("hello", "hello:undo");

        assertThat(skald("list", "--definition", "greeting").out()).containsPattern("g-1 +greeting +1 +COMPLETED")
                .endsWith("1 saga\n");
        JsonNode compensated = json("list", "--status", "compensated", "--json");
        assertThat(compensated).extracting(s -> s.path("sagaId").asText()).containsExactly(napId);
    }

    @Test
    void aProtectedApiWantsTheTokenAndNeverSeesItPrinted() throws IOException {
        Path greeting = Files.writeString(dir.resolve("greeting.json"), GREETING);
        try (AppInstance secured = AppInstance.start(fixture.kafka().bootstrapServers(), "cli-token-it", Map.of(
                "skald.partitions", 1, "skald.topic-prefix", "secured.", "skald.api.token", "s3cret-token"))) {
            String api = secured.uri().toString();

            CliRun without = CliRun.run(Map.of("SKALD_API", api), "definitions", "apply", greeting.toString());
            CliRun wrong = CliRun.run(Map.of("SKALD_API", api), "definitions", "apply", greeting.toString(),
                    "--token", "not-the-token", "--verbose");
            CliRun with = CliRun.run(Map.of("SKALD_API", api, "SKALD_API_TOKEN", "s3cret-token"), "definitions",
                    "apply", greeting.toString());

            assertThat(without.exitCode()).isEqualTo(1);
            assertThat(without.err()).isEqualTo("skald: " + greeting
                    + ": the API requires a token (--token or SKALD_API_TOKEN)\n");
            assertThat(wrong.exitCode()).isEqualTo(1);
            assertThat(wrong.err()).contains("the API refused the token (401)").doesNotContain("not-the-token");
            assertThat(with.exitCode()).as(with.toString()).isZero();
            assertThat(with.out() + with.err()).doesNotContain("s3cret-token");
        }
    }

    @Test
    void aWrongIdAndAnUnreachableApiAreClearErrors() throws IOException {
        CliRun wrong = skald("status", "no-such-saga");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).isEqualTo("skald: no saga 'no-such-saga'\n");
        assertThat(skald("cancel", "no-such-saga").err()).isEqualTo("skald: no saga 'no-such-saga'\n");

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRun unreachable = CliRun.run(Map.of("SKALD_API", "http://localhost:" + port), "list");
        assertThat(unreachable.exitCode()).isEqualTo(2);
        assertThat(unreachable.err()).startsWith("skald: cannot reach the Skald API at http://localhost:" + port)
                .doesNotContain("\tat ");
    }
}
