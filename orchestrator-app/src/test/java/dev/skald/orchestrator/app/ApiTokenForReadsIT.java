package dev.skald.orchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * With {@code skald.api.token-required-for-reads=true}, reads need the token too, probes and the dashboard's files
 * stay open, and an instance still answers for a saga another instance owns: it sends its token when it routes the
 * read.
 */
@Tag("kafka")
class ApiTokenForReadsIT {
    private static final String TOKEN = "reads-" + UUID.randomUUID();
    private static final String APPLICATION = "api-token-reads-it";

    private AppFixture fixture;
    private AppInstance first;
    private AppInstance second;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void readsNeedTheTokenAndInstancesSendItWhenTheyRouteAReadToTheOwner() {
        Map<String, Object> settings = Map.of("skald.partitions", 4, "skald.api.token", TOKEN,
                "skald.api.token-required-for-reads", true);
        fixture = AppFixture.start(APPLICATION, settings);
        first = fixture.app();
        second = fixture.startInstance();
        RestClient anonymous = fixture.rest();
        RestClient authorized = anonymous.withHeader("Authorization", "Bearer " + TOKEN);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(this::bothOwnPartitions);
        assertThat(authorized.post("/definitions", """
                {"name": "parked", "version": 1, "steps": [{"id": "a", "participant": "nobody", "command": "Wait"}]}
                """).status()).isEqualTo(201);
        String owned = sagaIdOwnedBy(second);
        assertThat(authorized.post("/sagas", "{\"definition\": \"parked\", \"sagaId\": \"" + owned + "\"}").status())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> authorized.get("/sagas/" + owned).status() == 200);
        assertThat(authorized.get("/sagas/" + owned + "/history").status()).isEqualTo(200);
        assertThat(authorized.get("/sagas?definition=parked").json().size()).isEqualTo(1);
        assertThat(anonymous.get("/sagas/" + owned).status()).isEqualTo(401);
        assertThat(anonymous.get("/definitions").status()).isEqualTo(401);
        assertThat(anonymous.get("/internal/sagas?limit=10").status()).isEqualTo(401);
        assertThat(anonymous.get("/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/metrics").status()).isEqualTo(200);
        assertThat(anonymous.get("/ui/").text()).contains("Skald dashboard");
        assertThat(anonymous.get("/ui/dashboard.js").status()).isEqualTo(200);
    }

    private boolean bothOwnPartitions() {
        for (AppInstance instance : new AppInstance[] {first, second}) {
            KafkaStreams streams = instance.orchestrator().streams();
            if (streams.state() != KafkaStreams.State.RUNNING || streams.metadataForAllStreamsClients().size() != 2
                    || streams.metadataForAllStreamsClients().stream().anyMatch(m -> m.topicPartitions().isEmpty())) {
                return false;
            }
        }
        return true;
    }

    /** A saga id whose partition {@code owner} owns, so that a read sent to the first instance is routed. */
    private String sagaIdOwnedBy(AppInstance owner) {
        for (int i = 0; ; i++) {
            String id = "routed-" + i;
            var host = first.orchestrator().queries().owner(id).orElseThrow();
            if ((host.host() + ":" + host.port()).equals(owner.hostAndPort())) {
                return id;
            }
        }
    }
}
