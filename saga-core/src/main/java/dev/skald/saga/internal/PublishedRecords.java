package dev.skald.saga.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.saga.definition.StepKind;
import dev.skald.saga.machine.Command;
import dev.skald.saga.machine.CommandKind;
import java.util.LinkedHashMap;
import java.util.Map;

/** The record of a publish step: one mapping for key, value and headers, resolved when the step starts. */
final class PublishedRecords {
    private static final String KEY = "key";
    private static final String VALUE = "value";
    private static final String HEADERS = "headers";

    private PublishedRecords() {
    }

    /** The mapping compiled for a publish step: {@code {"key", "value", "headers"}}. */
    static JsonNode mapping(StepKind.Publish publish) {
        ObjectNode mapping = JsonNodeFactory.instance.objectNode();
        if (publish.key() != null) {
            mapping.put(KEY, publish.key());
        }
        mapping.set(VALUE, publish.value());
        ObjectNode headers = mapping.putObject(HEADERS);
        publish.headers().forEach(headers::put);
        return mapping;
    }

    /** The command for a resolved mapping: a null or missing key is no key; a header that resolves to null is left out. */
    static Command.Publish command(String sagaId, String stepId, int attempt, String topic, JsonNode record) {
        Map<String, String> headers = new LinkedHashMap<>();
        record.path(HEADERS).properties().forEach(header -> {
            if (!header.getValue().isNull() && !header.getValue().isMissingNode()) {
                headers.put(header.getKey(), text(header.getValue()));
            }
        });
        JsonNode key = record.path(KEY);
        JsonNode value = record.path(VALUE).isMissingNode() ? JsonNodeFactory.instance.nullNode() : record.get(VALUE);
        return new Command.Publish(Command.id(sagaId, stepId, attempt, CommandKind.ACTION), sagaId, stepId, attempt,
                topic, key.isNull() || key.isMissingNode() ? null : text(key), value, headers);
    }

    /** The step's output: where the record went. */
    static JsonNode output(Command.Publish command) {
        ObjectNode output = JsonNodeFactory.instance.objectNode().put("topic", command.topic());
        return command.key() == null ? output.putNull(KEY) : output.put(KEY, command.key());
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
