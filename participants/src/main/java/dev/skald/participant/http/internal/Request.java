package dev.skald.participant.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.HttpStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP call a command describes, as written in the command: secret references still in place, so that it can be
 * named in errors and logs.
 *
 * @param method       the method
 * @param url          the URL
 * @param headers      the headers
 * @param body         the body, or null for none
 * @param successCodes the statuses that complete the step
 * @param conductor    whether the output takes Conductor's shape
 */
record Request(String method, String url, Map<String, String> headers, JsonNode body, List<Integer> successCodes,
               boolean conductor) {

    /** Thrown for a command that is not a request. */
    static final class InvalidRequestException extends Exception {
        InvalidRequestException(String message) {
            super(message);
        }
    }

    static Request of(JsonNode command) throws InvalidRequestException {
        if (command == null || !command.isObject()) {
            throw new InvalidRequestException("the command is not an http request object");
        }
        String method = text(command, HttpStep.METHOD).toUpperCase(Locale.ROOT);
        if (!HttpStep.METHODS.contains(method)) {
            throw new InvalidRequestException("'" + method + "' is not a method an http step can use");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        command.path(HttpStep.HEADERS).properties().forEach(header -> headers.put(header.getKey(),
                header.getValue().isTextual() ? header.getValue().textValue() : header.getValue().toString()));
        List<Integer> codes = new ArrayList<>();
        command.path(HttpStep.SUCCESS_CODES).forEach(code -> codes.add(code.asInt()));
        JsonNode body = command.get(HttpStep.BODY);
        return new Request(method, text(command, HttpStep.URL), Map.copyOf(headers),
                body == null || body.isNull() ? null : body,
                codes.isEmpty() ? HttpStep.DEFAULT_SUCCESS_CODES : List.copyOf(codes),
                HttpStep.FORMAT_CONDUCTOR.equals(command.path(HttpStep.FORMAT).asText()));
    }

    private static String text(JsonNode command, String field) throws InvalidRequestException {
        JsonNode value = command.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new InvalidRequestException("the request has no '" + field + "'");
        }
        return value.textValue();
    }

    /** How errors name the call: method and URL as written, secrets unresolved. */
    String describe() {
        return method + " " + url;
    }
}
