package dev.skald.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skald.avro.SagaCommand;
import dev.skald.orchestrator.TestParticipants.Answer;
import dev.skald.orchestrator.app.AppFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A participant loses the first delivery of a command (it never replies): {@code skald stuck} finds the saga, and
 * {@code --resend} sends the same command again, with the same id, so the saga completes.
 */
@Tag("kafka")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StuckSagaIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FLAKY = """
            {"name": "flaky", "version": 1, "steps": [
              {"id": "call", "participant": "forgetful", "command": "Remember"}
            ]}""";

    private final Set<String> swallowed = ConcurrentHashMap.newKeySet();
    private AppFixture fixture;

    @TempDir
    Path dir;

    @BeforeAll
    void start() {
        fixture = AppFixture.start("stuck-it", Map.of("skald.partitions", 3), this::forgetFirst);
    }

    /** Swallows the first delivery of every command, answers the next ones. */
    private Answer forgetFirst(SagaCommand command) {
        return swallowed.add(command.getCommandId()) ? null : Answer.ok("{\"remembered\": true}");
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

    private String status(String sagaId) {
        try {
            return JSON.readTree(skald("status", sagaId, "--json").out()).path("status").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aSagaStuckOnALostCommandIsFoundAndCompletesAfterAResend() throws IOException {
        Path file = Files.writeString(dir.resolve("flaky.json"), FLAKY);
        assertThat(skald("definitions", "apply", file.toString()).exitCode()).isZero();
        assertThat(skald("start", "flaky", "--saga-id", "f-1").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> fixture.participants().deliveries().size() == 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> skald("stuck", "--older-than", "1s").out()
                .contains("1 saga waiting longer than PT1S"));
        assertThat(skald("stuck", "--older-than", "1s").out()).containsPattern("f-1 +flaky +1 +RUNNING +\\S+ +call\n");

        CliRun resend = skald("stuck", "--older-than", "1s", "--resend");
        assertThat(resend.out()).endsWith("re-sent the pending commands of saga f-1\n");
        await().atMost(Duration.ofSeconds(60)).until(() -> status("f-1").equals("COMPLETED"));

        assertThat(fixture.participants().deliveries()).hasSize(1).containsValue(2);
        assertThat(fixture.participants().deliveries().keySet()).allMatch(id -> id.startsWith("f-1:call:1:"));
        assertThat(skald("stuck", "--older-than", "1s").out()).endsWith("0 sagas waiting longer than PT1S\n");
    }
}
