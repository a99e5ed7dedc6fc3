package dev.skald.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SagaDiffTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void equalSagasHaveNoDifference() throws Exception {
        String saga = "{\"sagaId\": \"s\", \"status\": \"COMPLETED\", \"steps\": [{\"id\": \"a\", \"attempts\": 1}]}";

        assertThat(SagaDiff.compare(json(saga), json(saga))).isEmpty();
    }

    @Test
    void namesEachDifferingFieldAndMatchesStepsById() throws Exception {
        JsonNode live = json("""
                {"status": "COMPLETED", "output": {"r": 1},
                 "steps": [{"id": "a", "attempts": 2}, {"id": "b", "attempts": 1}]}""");
        JsonNode rebuilt = json("""
                {"status": "RUNNING", "output": {"r": 1},
                 "steps": [{"id": "b", "attempts": 1}, {"id": "a", "attempts": 1}, {"id": "c", "attempts": 1}]}""");

        assertThat(SagaDiff.compare(live, rebuilt)).extracting(Object::toString).containsExactly(
                "status: live \"COMPLETED\", rebuilt \"RUNNING\"",
                "steps[a].attempts: live 2, rebuilt 1",
                "steps[c]: live (absent), rebuilt {\"id\":\"c\",\"attempts\":1}");
    }
}
