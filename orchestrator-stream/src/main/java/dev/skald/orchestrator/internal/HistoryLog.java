package dev.skald.orchestrator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.avro.SagaHistoryEvent;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The latest history events of each saga, as a JSON array per saga, for {@code GET /sagas/{id}/history}. The full
 * history stays in the history topic as long as its retention keeps it.
 */
final class HistoryLog {
    private final KeyValueStore<String, String> store;
    private final int limit;

    HistoryLog(KeyValueStore<String, String> store, int limit) {
        this.store = store;
        this.limit = limit;
    }

    void append(String sagaId, List<SagaHistoryEvent> events) {
        if (limit == 0 || events.isEmpty()) {
            return;
        }
        String previous = store.get(sagaId);
        ArrayNode all = previous == null ? JsonNodeFactory.instance.arrayNode()
                : (ArrayNode) JsonText.parse(previous, "history");
        events.forEach(e -> all.add(toJson(e)));
        while (all.size() > limit) {
            all.remove(0);
        }
        store.put(sagaId, JsonText.write(all));
    }

    /** Forgets a saga's history (its events stay in the history topic). */
    void remove(String sagaId) {
        store.delete(sagaId);
    }

    static JsonNode toJson(SagaHistoryEvent e) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("at", e.getAt().toString());
        node.put("type", e.getType().name());
        node.put("stepId", e.getStepId());
        node.put("attempt", e.getAttempt());
        node.put("from", e.getFrom());
        node.put("to", e.getTo());
        node.put("trigger", e.getTrigger());
        node.put("detail", e.getDetail());
        return node;
    }
}
