package dev.skald.orchestrator.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.json.Json;

/** JSON payloads travel as text inside Avro records. */
final class JsonText {
    private JsonText() {
    }

    /** Parses JSON text; throws {@link IllegalArgumentException} naming the field when it is not JSON. */
    static JsonNode parse(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(field + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String write(JsonNode node) {
        if (node == null) {
            return null;
        }
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
