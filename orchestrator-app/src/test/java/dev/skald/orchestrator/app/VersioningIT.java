package dev.skald.orchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.avro.SagaCommand;
import dev.skald.orchestrator.TestParticipants.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A new definition version deployed while sagas of the old one are in flight, across a redeploy of the
 * orchestrator: both finish on their own version. Versions never change once applied; applying one again is
 * idempotent.
 */
@Tag("kafka")
class VersioningIT {
    private static final String APPLICATION = "versioning-it";
    private static final String V1 = """
            {"name": "order", "version": 1, "steps": [
              {"id": "reserve", "participant": "shop", "command": "ReserveV1"},
              {"id": "ship", "participant": "shop", "command": "ShipV1"}
            ]}""";
    private static final String V1_CHANGED = """
            {"name": "order", "version": 1, "steps": [
              {"id": "reserve", "participant": "shop", "command": "ReserveV1"},
              {"id": "ship", "participant": "shop", "command": "ShipFaster"}
            ]}""";
    private static final String V2 = """
            {"name": "order", "version": 2, "steps": [
              {"id": "reserve", "participant": "shop", "command": "ReserveV2"},
              {"id": "charge", "participant": "billing", "command": "ChargeV2"},
              {"id": "ship", "participant": "shop", "command": "ShipV2"}
            ]}""";
    private static final List<String> OLD = List.of("old-1", "old-2", "old-3");
    private static final List<String> NEW = List.of("new-1", "new-2", "new-3");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static final Map<String, Object> SETTINGS = Map.of("skald.partitions", 2,
            "skald.kafka.session.timeout.ms", "6000");

    private final Map<String, SagaCommand> held = new ConcurrentHashMap<>();
    private AppFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** The old sagas wait in their second step ({@code ship}) until released; everything else is answered. */
    private Answer script(SagaCommand command) {
        if (command.getSagaId().startsWith("old-") && command.getStepId().equals("ship")) {
            held.put(command.getSagaId(), command);
            return null;
        }
        return Answer.ok("{\"done\": \"" + command.getCommandType() + "\"}");
    }

    @Test
    void sagasInFlightFinishOnTheirVersionAcrossANewVersionAndARedeploy() {
        fixture = AppFixture.start(APPLICATION, SETTINGS, this::script);
        RestClient rest = fixture.rest();
        assertThat(rest.post("/definitions", V1).status()).isEqualTo(201);
        OLD.forEach(id -> start(rest, id));
        await().atMost(PATIENCE).until(() -> held.keySet().containsAll(OLD));

        assertThat(rest.post("/definitions", V2).status()).isEqualTo(201);
        fixture.restartApp();
        RestClient redeployed = fixture.rest();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> redeployed.get("/health/ready").status() == 200);
        NEW.forEach(id -> start(redeployed, id));
        held.values().forEach(command -> fixture.participants().answerLater(command, Answer.ok("{\"shipped\": true}")));

        for (String id : OLD) {
            JsonNode saga = awaitCompleted(redeployed, id);
            assertThat(saga.get("version").asInt()).as(id).isEqualTo(1);
            assertThat(commandTypes(id)).as(id).containsExactly("ReserveV1", "ShipV1");
        }
        for (String id : NEW) {
            JsonNode saga = awaitCompleted(redeployed, id);
            assertThat(saga.get("version").asInt()).as(id).isEqualTo(2);
            assertThat(commandTypes(id)).as(id).containsExactly("ReserveV2", "ChargeV2", "ShipV2");
        }
    }

    @Test
    void aVersionNeverChangesAndApplyingItAgainIsIdempotent() {
        fixture = AppFixture.start(APPLICATION, SETTINGS);
        RestClient rest = fixture.rest();
        assertThat(rest.post("/definitions", V1).status()).isEqualTo(201);
        assertThat(rest.post("/definitions", V2).status()).isEqualTo(201);

        RestClient.Reply changed = rest.post("/definitions", V1_CHANGED);
        assertThat(changed.status()).as("%s", changed).isEqualTo(409);
        assertThat(changed.json().get("error").asText()).contains("version 1", "already applied");

        RestClient.Reply again = rest.post("/definitions", V1);
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.json().get("version").asInt()).isEqualTo(1);
        assertThat(rest.post("/definitions", V2).status()).isEqualTo(200);
        assertThat(rest.get("/definitions/order/1").json().toString()).contains("ShipV1").doesNotContain("ShipFaster");
        JsonNode list = rest.get("/definitions").json();
        assertThat(list.get(0).get("latest").asInt()).isEqualTo(2);
        assertThat(list.get(0).get("versions").toString()).isEqualTo("[1,2]");
    }

    private static void start(RestClient rest, String sagaId) {
        RestClient.Reply reply = rest.post("/sagas", "{\"definition\": \"order\", \"sagaId\": \"" + sagaId + "\"}");
        assertThat(reply.status()).as("%s", reply).isEqualTo(202);
    }

    private List<String> commandTypes(String sagaId) {
        return fixture.participants().seen().stream().filter(c -> c.getSagaId().equals(sagaId))
                .map(SagaCommand::getCommandType).toList();
    }

    private static JsonNode awaitCompleted(RestClient rest, String sagaId) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            RestClient.Reply reply = rest.get("/sagas/" + sagaId);
            return reply.status() == 200 ? reply.json() : null;
        }, saga -> saga != null && saga.get("status").asText().equals("COMPLETED"));
    }
}
