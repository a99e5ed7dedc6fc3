package dev.skald.conductor.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.Problem;
import dev.skald.saga.json.Json;
import java.util.List;

/** Reads request bodies and query values, adding a located problem for each one that is not what it must be. */
final class RequestValues {
    private RequestValues() {
    }

    /** The body as JSON, or null with a problem at {@code body} when it is empty or not JSON. */
    static JsonNode json(String body, List<Problem> problems) {
        if (body == null || body.isBlank()) {
            problems.add(new Problem("body", "the request body is empty; expected JSON"));
            return null;
        }
        try {
            return Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            problems.add(new Problem("body", "not valid JSON: " + e.getOriginalMessage()));
            return null;
        }
    }

    /** A whole number of at least {@code min}, {@code fallback} when absent; a problem when it is not one. */
    static Integer integer(String text, Integer fallback, int min, String place, List<Problem> problems) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            problems.add(new Problem(place, "'" + abbreviate(text) + "' is not a whole number"));
            return fallback;
        }
        problems.add(new Problem(place, "must be at least " + min + ", was " + text));
        return fallback;
    }

    /** A Unix time in milliseconds, or null when absent; a problem when it is not one. */
    static Long millis(String text, String place, List<Problem> problems) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            problems.add(new Problem(place, "'" + abbreviate(text) + "' is not a time in milliseconds"));
            return null;
        }
    }

    /** {@code true} or {@code false}, {@code fallback} when absent; a problem otherwise. */
    static boolean bool(String text, boolean fallback, String place, List<Problem> problems) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        problems.add(new Problem(place, "'" + abbreviate(text) + "' is neither true nor false"));
        return fallback;
    }

    /** The text cut to 100 characters, for messages that quote what a user sent. */
    static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }
}
