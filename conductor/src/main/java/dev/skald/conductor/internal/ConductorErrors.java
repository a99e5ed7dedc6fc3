package dev.skald.conductor.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.orchestrator.NotReadyException;
import dev.skald.saga.definition.Problem;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Error bodies as Conductor writes them ({@code ErrorResponse}): {@code {status, message, instance, retryable}}, and
 * for a 400 {@code validationErrors: [{path, message}]}, one per problem, each at its place in the request.
 */
final class ConductorErrors {
    /** Conductor's message of a 400 with validation errors. */
    static final String VALIDATION_FAILED = "Validation failed, check below errors for detail.";

    private static final String INSTANCE = hostName();

    private ConductorErrors() {
    }

    /** An error of this status with this message. */
    static MutableHttpResponse<ObjectNode> error(HttpStatus status, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("status", status.getCode())
                .put("message", message).put("instance", INSTANCE).put("retryable", false);
        return HttpResponse.<ObjectNode>status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
    }

    /** 404: no such workflow, definition or task definition. */
    static MutableHttpResponse<ObjectNode> notFound(String message) {
        return error(HttpStatus.NOT_FOUND, message);
    }

    /** 409: the request conflicts with what exists. */
    static MutableHttpResponse<ObjectNode> conflict(String message) {
        return error(HttpStatus.CONFLICT, message);
    }

    /** 400 naming a Conductor feature Skald does not offer, and what to do instead. */
    static MutableHttpResponse<ObjectNode> unsupported(String feature, String instead) {
        return error(HttpStatus.BAD_REQUEST, "not supported by Skald: " + feature + "; " + instead);
    }

    /** 400 with every problem as a validation error. */
    static MutableHttpResponse<ObjectNode> invalid(List<Problem> problems) {
        MutableHttpResponse<ObjectNode> response = error(HttpStatus.BAD_REQUEST, VALIDATION_FAILED);
        ArrayNode errors = response.body().putArray("validationErrors");
        problems.forEach(p -> errors.addObject().put("path", p.place()).put("message", p.message()));
        return response;
    }

    /** 400 with one problem. */
    static MutableHttpResponse<ObjectNode> invalid(String place, String message) {
        return invalid(List.of(new Problem(place, message)));
    }

    /** 503 with {@code Retry-After}: this instance cannot answer right now; the request may be sent again. */
    static MutableHttpResponse<ObjectNode> notReady(String message) {
        MutableHttpResponse<ObjectNode> response = error(HttpStatus.SERVICE_UNAVAILABLE, message);
        response.body().put("retryable", true);
        return response.header("Retry-After", "1");
    }

    /** The action's answer, or 503 when the orchestrator cannot answer right now. */
    static HttpResponse<?> ready(Supplier<HttpResponse<?>> action) {
        try {
            return action.get();
        } catch (NotReadyException e) {
            return notReady(e.getMessage());
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
