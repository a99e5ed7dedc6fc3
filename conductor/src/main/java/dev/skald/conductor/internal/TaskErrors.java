package dev.skald.conductor.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.saga.definition.Problem;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/** Error bodies as Conductor writes them: {@code {"status", "message", "retryable", "validationErrors"}}. */
final class TaskErrors {
    private TaskErrors() {
    }

    static MutableHttpResponse<ObjectNode> error(HttpStatus status, String message) {
        ObjectNode body = JsonSerde.MAPPER.createObjectNode().put("status", status.getCode()).put("message", message)
                .put("retryable", status == HttpStatus.SERVICE_UNAVAILABLE);
        return HttpResponse.<ObjectNode>status(status).body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    static MutableHttpResponse<ObjectNode> invalid(List<Problem> problems) {
        MutableHttpResponse<ObjectNode> response = error(HttpStatus.BAD_REQUEST, "Validation failed, check below "
                + "errors for detail.");
        ArrayNode errors = response.body().putArray("validationErrors");
        problems.forEach(p -> errors.addObject().put("path", p.place()).put("message", p.message()));
        return response;
    }
}
