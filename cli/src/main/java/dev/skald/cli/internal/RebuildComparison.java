package dev.skald.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compares the sagas of a rebuilt instance with those a live API serves, saga by saga: each rebuilt saga against
 * {@code GET /sagas/{id}}, then every saga {@code GET /sagas} lists that the rebuild lacks.
 */
public final class RebuildComparison {
    private RebuildComparison() {
    }

    /**
     * A saga that is not the same in both.
     *
     * @param sagaId      the saga
     * @param problem     {@code differs}, {@code missing from the rebuild} or {@code unknown to the live API}
     * @param differences the differing fields, when it differs
     */
    public record Mismatch(String sagaId, String problem, List<SagaDiff.Difference> differences) {
        /** One line per difference, or one line for a saga on one side only. */
        public List<String> lines() {
            if (differences.isEmpty()) {
                return List.of("saga " + sagaId + ": " + problem);
            }
            return differences.stream().map(d -> "saga " + sagaId + ": " + d).toList();
        }
    }

    /**
     * The outcome.
     *
     * @param sagas      how many sagas the rebuild holds
     * @param mismatches the sagas that differ, in saga id order
     */
    public record Report(int sagas, List<Mismatch> mismatches) {
        /** Whether every saga is the same in both. */
        public boolean identical() {
            return mismatches.isEmpty();
        }

        /** {@code {"sagas": N, "identical": bool, "mismatches": [{sagaId, problem, differences: [...]}]}}. */
        public ObjectNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode().put("sagas", sagas).put("identical", identical());
            ArrayNode list = node.putArray("mismatches");
            for (Mismatch m : mismatches) {
                ObjectNode item = list.addObject().put("sagaId", m.sagaId()).put("problem", m.problem());
                ArrayNode fields = item.putArray("differences");
                for (SagaDiff.Difference d : m.differences()) {
                    ObjectNode field = fields.addObject().put("field", d.field());
                    field.set("live", orNull(d.live()));
                    field.set("rebuilt", orNull(d.rebuilt()));
                }
            }
            return node;
        }

        private static JsonNode orNull(JsonNode value) {
            return value.isMissingNode() ? JsonNodeFactory.instance.nullNode() : value;
        }
    }

    /**
     * Compares the rebuilt sagas (id to {@code GET /sagas/{id}} rendering) with the live API.
     *
     * @param limit the most sagas asked of {@code GET /sagas} when looking for sagas the rebuild lacks
     */
    public static Report compare(Map<String, JsonNode> rebuilt, ApiClient live, int limit) {
        Map<String, Mismatch> mismatches = new TreeMap<>();
        rebuilt.forEach((id, saga) -> {
            Optional<JsonNode> current = live.find("/sagas/" + ApiClient.segment(id));
            if (current.isEmpty()) {
                mismatches.put(id, new Mismatch(id, "unknown to the live API", List.of()));
                return;
            }
            List<SagaDiff.Difference> differences = SagaDiff.compare(current.get(), saga);
            if (!differences.isEmpty()) {
                mismatches.put(id, new Mismatch(id, "differs", differences));
            }
        });
        for (JsonNode listed : live.get("/sagas?limit=" + limit)) {
            String id = listed.path("sagaId").asText();
            if (!rebuilt.containsKey(id)) {
                mismatches.put(id, new Mismatch(id, "missing from the rebuild", List.of()));
            }
        }
        return new Report(rebuilt.size(), new ArrayList<>(mismatches.values()));
    }
}
