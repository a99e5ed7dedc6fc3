package dev.skald.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
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
    void numbersAreComparedByValueWhateverTheirJsonType() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        JsonNode live = nodes.objectNode().put("amount", 87.36).set("lines",
                nodes.arrayNode().add(1.5).add(nodes.objectNode().put("n", 2)));
        JsonNode rebuilt = nodes.objectNode().put("amount", new BigDecimal("87.360")).set("lines",
                nodes.arrayNode().add(new BigDecimal("1.50")).add(nodes.objectNode().put("n", 2L)));
        JsonNode other = nodes.objectNode().put("amount", 87.37).set("lines",
                nodes.arrayNode().add(1.5).add(nodes.objectNode().put("n", 3)));

        assertThat(SagaDiff.compare(live, rebuilt)).isEmpty();
        assertThat(SagaDiff.compare(live, other)).extracting(SagaDiff.Difference::field)
                .containsExactly("amount", "lines");
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
