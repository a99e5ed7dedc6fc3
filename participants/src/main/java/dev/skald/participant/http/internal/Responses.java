package dev.skald.participant.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a response becomes: the step's output, and whether its status completes, retries or fails the step. */
final class Responses {
    /** Statuses that say "try again later". */
    private static final Set<Integer> RETRIABLE = Set.of(408, 425, 429);
    private static final int EXCERPT = 200;

    private Responses() {
    }

    static boolean retriable(int status) {
        return status >= 500 || RETRIABLE.contains(status);
    }

    /** The step's output: {@code {"status", "headers", "body"}}, or Conductor's {@code {"response": {...}}}. */
    static JsonNode output(int status, HttpHeaders headers, byte[] body, boolean conductor, ObjectMapper json) {
        JsonNode parsedBody = body(body, json);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (conductor) {
            ObjectNode response = out.putObject("response");
            response.put("statusCode", status);
            response.put("reasonPhrase", "");
            ObjectNode all = response.putObject("headers");
            headers.map().forEach((name, values) -> values.forEach(all.withArray(name)::add));
            response.set("body", parsedBody);
            return out;
        }
        out.put("status", status);
        ObjectNode first = out.putObject("headers");
        for (Map.Entry<String, List<String>> header : headers.map().entrySet()) {
            first.put(header.getKey(), String.join(", ", header.getValue()));
        }
        out.set("body", parsedBody);
        return out;
    }

    /** A JSON body as JSON, any other as text; an empty one as null. */
    private static JsonNode body(byte[] body, ObjectMapper json) {
        if (body.length == 0) {
            return JsonNodeFactory.instance.nullNode();
        }
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            return json.readTree(text);
        } catch (JsonProcessingException notJson) {
            return JsonNodeFactory.instance.textNode(text);
        }
    }

    /** The start of a body, for an error message. */
    static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, EXCERPT * 4), StandardCharsets.UTF_8).strip();
        return text.length() > EXCERPT ? text.substring(0, EXCERPT) + "..." : text;
    }
}
