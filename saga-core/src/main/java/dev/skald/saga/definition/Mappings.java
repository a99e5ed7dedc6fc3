package dev.skald.saga.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Helpers for the JSON trees that hold input and output mappings. */
final class Mappings {
    private Mappings() {
    }

    /** A defensive copy of a mapping, or an empty object for null. */
    static JsonNode orEmpty(JsonNode mapping) {
        return mapping == null || mapping.isNull() || mapping.isMissingNode()
                ? JsonNodeFactory.instance.objectNode()
                : mapping.deepCopy();
    }

    /** A defensive copy of a mapping that may be absent (null stays null). */
    static JsonNode copyOrNull(JsonNode mapping) {
        return mapping == null || mapping.isMissingNode() ? null : mapping.deepCopy();
    }
}
