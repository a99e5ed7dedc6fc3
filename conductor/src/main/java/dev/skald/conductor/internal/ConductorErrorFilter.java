package dev.skald.conductor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.hateoas.JsonError;

/**
 * Gives every error under {@code /api} Conductor's shape, including those the controllers never see: no such route
 * (404), a method the route does not take (405), a body over {@code micronaut.server.max-request-size} (413), a
 * missing or wrong API token (401, {@code WWW-Authenticate} kept).
 */
@Requires(property = "skald.orchestrator.enabled", notEquals = "false")
@ServerFilter("/api/**")
public class ConductorErrorFilter {
    @ResponseFilter
    public void conductorShape(MutableHttpResponse<?> response) {
        if (response.code() < 400 || response.getBody().orElse(null) instanceof ObjectNode body
                && body.has("status") && body.has("message")) {
            return;
        }
        HttpStatus status = response.getStatus();
        ObjectNode shaped = ConductorErrors.error(status, message(response)).body();
        response.body(shaped).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static String message(MutableHttpResponse<?> response) {
        Object body = response.getBody().orElse(null);
        if (body instanceof JsonError error && error.getMessage() != null) {
            return error.getMessage();
        }
        if (body instanceof JsonNode node && node.hasNonNull("error")) {
            return node.get("error").asText();
        }
        return response.reason();
    }
}
