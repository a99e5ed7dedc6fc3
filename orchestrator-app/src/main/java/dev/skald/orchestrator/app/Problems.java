package dev.skald.orchestrator.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.saga.definition.Problem;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/** Error bodies of the REST API: {@code {"error": "...", "problems": [{"place", "message"}]}}. */
final class Problems {
    private Problems() {
    }

    static MutableHttpResponse<ObjectNode> error(HttpStatus status, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("error", message);
        return HttpResponse.<ObjectNode>status(status).body(body);
    }

    static MutableHttpResponse<ObjectNode> invalid(String message, List<Problem> problems) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("error", message);
        var list = body.putArray("problems");
        problems.forEach(p -> list.addObject().put("place", p.place()).put("message", p.message()));
        return HttpResponse.<ObjectNode>status(HttpStatus.BAD_REQUEST).body(body);
    }

    /** 401 with {@code WWW-Authenticate: Bearer}: the request lacks the API token, or carries a wrong one. */
    static MutableHttpResponse<ObjectNode> unauthorized(String message) {
        return error(HttpStatus.UNAUTHORIZED, message).header("WWW-Authenticate", "Bearer realm=\"skald\"");
    }

    static MutableHttpResponse<ObjectNode> notReady(String message) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, message).header("Retry-After", "1");
    }
}
