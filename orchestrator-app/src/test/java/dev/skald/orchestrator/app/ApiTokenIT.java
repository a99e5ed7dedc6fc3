package dev.skald.orchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With {@code skald.api.token} set, every request that changes something needs the token, reads and probes stay
 * open, and neither the token, a wrong one, nor a secret client setting ever shows in the log.
 */
@Tag("kafka")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiTokenIT {
    private static final String TOKEN = "token-" + UUID.randomUUID();
    private static final String WRONG = "wrong-" + UUID.randomUUID();
    private static final String JAAS_SECRET = "jaas-" + UUID.randomUUID();
    private static final Path LOG = Path.of(System.getProperty("skald.test.log", "target/test-logs/tests.log"));
    private static final String GREETING = """
            {"name": "greeting", "version": 1, "steps": [
              {"id": "greet", "participant": "greeter", "command": "SayHello"}
            ]}""";

    private AppFixture fixture;
    private RestClient anonymous;
    private RestClient wrong;
    private RestClient authorized;

    @BeforeAll
    void start() {
        fixture = AppFixture.start("api-token-it", Map.of("skald.partitions", 2,
                "skald.api.token", TOKEN,
                // PLAINTEXT clients ignore it; it is here to be kept out of every log line.
                "skald.kafka.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"skald\" password=\"" + JAAS_SECRET + "\";"));
        anonymous = fixture.rest();
        wrong = anonymous.withHeader("Authorization", "Bearer " + WRONG);
        authorized = anonymous.withHeader("Authorization", "Bearer " + TOKEN);
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Order(1)
    @ParameterizedTest
    @ValueSource(strings = {"/definitions", "/sagas", "/sagas/s-1/cancel", "/sagas/s-1/pause", "/sagas/s-1/resume",
            "/sagas/s-1/retry", "/sagas/s-1/resend", "/not-an-endpoint"})
    void aRequestThatChangesSomethingWithoutTheTokenIsRefused(String path) {
        RestClient.Reply reply = anonymous.post(path, GREETING);

        assertThat(reply.status()).as("%s", reply).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(reply.json().get("error").asText()).contains("Authorization: Bearer");
    }

    @Order(2)
    @ParameterizedTest
    @ValueSource(strings = {"/definitions", "/sagas", "/sagas/s-1/cancel"})
    void aWrongTokenIsRefused(String path) {
        RestClient.Reply reply = wrong.post(path, GREETING);

        assertThat(reply.status()).as("%s", reply).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).isPresent();
        assertThat(reply.json().get("error").asText()).isEqualTo("the API token is wrong");
        assertThat(reply.text()).doesNotContain(WRONG, TOKEN);
    }

    @Order(3)
    @Test
    void withTheTokenDefinitionsSagasAndControlRequestsAreAccepted() {
        RestClient.Reply applied = authorized.post("/definitions", GREETING);
        assertThat(applied.status()).as("%s", applied).isEqualTo(201);

        RestClient.Reply started = authorized.post("/sagas", "{\"definition\": \"greeting\", \"sagaId\": \"g-1\"}");
        assertThat(started.status()).as("%s", started).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> anonymous.get("/sagas/g-1").status() == 200);
        RestClient.Reply paused = authorized.post("/sagas/g-1/pause", "{\"reason\": \"test\"}");
        assertThat(paused.status()).as("%s", paused).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> anonymous.get("/sagas/g-1").json().get("status").asText().equals("PAUSED"));
    }

    @Order(4)
    @ParameterizedTest
    @ValueSource(strings = {"/definitions", "/definitions/greeting", "/sagas", "/sagas/g-1", "/sagas/g-1/history",
            "/health", "/health/ready", "/metrics"})
    void readsAndProbesStayOpen(String path) {
        RestClient.Reply reply = anonymous.get(path);

        assertThat(reply.status()).as("%s %s", path, reply).isEqualTo(200);
    }

    @Order(5)
    @Test
    void noSecretEverShowsInTheLog() throws IOException {
        String log = Files.readString(LOG, StandardCharsets.UTF_8);

        assertThat(log).as("the log is captured").contains("refused POST /sagas", "a wrong token")
                .contains("sasl.jaas.config=[hidden]");
        assertThat(log).doesNotContain(TOKEN).doesNotContain(WRONG).doesNotContain(JAAS_SECRET);
    }
}
