package dev.skald.orchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skald.testkit.EmbeddedKafka;
import dev.skald.testkit.JvmProcess;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An instance restarted after a SIGKILL serves its HTTP port at once: while its group still waits for the killed
 * member's session to expire, {@code /health} is UP, {@code /health/ready} and the API answer 503 with
 * {@code Retry-After}, and it becomes ready by itself once the group has rebalanced.
 */
@Tag("slow")
class StartupIT {
    private static final String APPLICATION = "startup-it";
    /** Long enough that the replacement is certainly still rebalancing when the test looks. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(20);

    @Test
    void aReplacementAnswersProbesAndFiveOhThreesWhileItsGroupRebalances() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Map<String, String> settings = settings(kafka);
            try (JvmProcess first = JvmProcess.builder(AppMain.class).name("startup-it-first")
                    .systemProperties(settings).systemProperty("micronaut.server.port", Integer.toString(freePort()))
                    .readyLine(AppMain.READY).startTimeout(Duration.ofMinutes(3)).start()) {
                first.kill();
            }
            Map<String, Object> properties = new HashMap<>(settings);
            properties.put("micronaut.server.port", freePort());
            try (EmbeddedServer replacement = ApplicationContext.run(EmbeddedServer.class, properties)) {
                RestClient rest = new RestClient(replacement.getURI());

                RestClient.Reply live = rest.get("/health");
                assertThat(live.status()).as(live.response().body()).isEqualTo(200);
                assertThat(live.json().get("streams").asText()).isEqualTo("REBALANCING");
                RestClient.Reply ready = rest.get("/health/ready");
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.json().get("reason").asText()).startsWith("Kafka Streams is REBALANCING");
                RestClient.Reply saga = rest.get("/sagas/any");
                assertThat(saga.status()).isEqualTo(503);
                assertThat(saga.header("Retry-After")).isPresent();

                await().atMost(SESSION_TIMEOUT.multipliedBy(4)).pollInterval(Duration.ofMillis(200))
                        .until(() -> rest.get("/health/ready").status() == 200);
                assertThat(rest.get("/sagas/any").status()).isEqualTo(404);
            }
        }
    }

    private static Map<String, String> settings(EmbeddedKafka kafka) throws IOException {
        Map<String, String> settings = new HashMap<>();
        settings.put("skald.bootstrap-servers", kafka.bootstrapServers());
        settings.put("skald.application-id", APPLICATION);
        settings.put("skald.schema-registry-url", "mock://" + APPLICATION);
        settings.put("skald.state-dir", Files.createTempDirectory("skald-startup-it").toString());
        settings.put("skald.partitions", "2");
        settings.put("skald.kafka.session.timeout.ms", Long.toString(SESSION_TIMEOUT.toMillis()));
        settings.put("skald.kafka.heartbeat.interval.ms", "1000");
        return settings;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
