package dev.skald.conductor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skald.orchestrator.StartRequest;
import dev.skald.saga.definition.Identifiers;
import dev.skald.saga.definition.Problem;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Conductor start request ({@code StartWorkflowRequest}, or the name, query parameters and input map of
 * {@code POST /api/workflow/{name}}), checked: every problem is reported at its place.
 *
 * @param name           the workflow (definition) name
 * @param version        the version, or null for the newest
 * @param correlationId  the correlation id (Skald's correlation key), or null
 * @param input          the input, a JSON object
 * @param idempotencyKey the idempotency key, or null
 * @param strategy       what a repeated idempotency key does
 */
record WorkflowStart(String name, Integer version, String correlationId, JsonNode input, String idempotencyKey,
                     IdempotencyStrategy strategy) {
    /** Conductor's {@code IdempotencyStrategy}. */
    enum IdempotencyStrategy { FAIL, RETURN_EXISTING, FAIL_ON_RUNNING }

    private static final Set<String> REFUSED = Set.of("workflowDef", "externalInputPayloadStoragePath");

    /** The Skald start request. */
    StartRequest request() {
        return new StartRequest(name, version, input, null, idempotencyKey, correlationId);
    }

    /** The start of {@code POST /api/workflow/{name}?version=&correlationId=&priority=} with {@code input}. */
    static Optional<WorkflowStart> of(String name, String version, String correlationId, String priority,
                                      JsonNode input, List<Problem> problems) {
        Integer wanted = RequestValues.integer(version, null, 1, "version", problems);
        priority(RequestValues.integer(priority, 0, 0, "priority", problems), problems);
        return check(name, wanted, correlationId, input, null, IdempotencyStrategy.FAIL, "body", problems);
    }

    /** The start of {@code POST /api/workflow} with a {@code StartWorkflowRequest}. */
    static Optional<WorkflowStart> of(JsonNode request, List<Problem> problems) {
        if (request == null || !request.isObject()) {
            problems.add(new Problem("body", "expected a StartWorkflowRequest JSON object"));
            return Optional.empty();
        }
        REFUSED.stream().filter(request::hasNonNull).forEach(field -> problems.add(new Problem(field,
                "not supported by Skald: register the workflow definition first, and pass the input inline")));
        if (request.path("taskToDomain").size() > 0) {
            problems.add(new Problem("taskToDomain", "not supported by Skald: task domains"));
        }
        Integer version = null;
        if (request.hasNonNull("version")) {
            if (request.get("version").canConvertToExactIntegral() && request.get("version").asLong() >= 1
                    && request.get("version").asLong() <= Integer.MAX_VALUE) {
                version = request.get("version").asInt();
            } else {
                problems.add(new Problem("version", "must be a whole number of at least 1"));
            }
        }
        if (request.hasNonNull("priority")) {
            priority(request.get("priority").canConvertToExactIntegral() ? request.get("priority").asInt() : -1,
                    problems);
        }
        IdempotencyStrategy strategy = strategy(request.get("idempotencyStrategy"), problems);
        return check(text(request, "name", problems), version, text(request, "correlationId", problems),
                request.hasNonNull("input") ? request.get("input") : JsonNodeFactory.instance.objectNode(),
                text(request, "idempotencyKey", problems), strategy, "input", problems);
    }

    private static Optional<WorkflowStart> check(String name, Integer version, String correlationId, JsonNode input,
                                                 String idempotencyKey, IdempotencyStrategy strategy,
                                                 String inputPlace, List<Problem> problems) {
        if (name == null || name.isBlank()) {
            problems.add(new Problem("name", "Workflow name cannot be null or empty"));
        } else {
            Identifiers.DEFINITION_NAME.problem(name).ifPresent(p -> problems.add(new Problem("name", p)));
        }
        if (correlationId != null) {
            Identifiers.KEY.problem(correlationId).ifPresent(p -> problems.add(new Problem("correlationId", p)));
        }
        if (idempotencyKey != null) {
            Identifiers.KEY.problem(idempotencyKey).ifPresent(p -> problems.add(new Problem("idempotencyKey", p)));
        }
        if (input == null || !input.isObject()) {
            problems.add(new Problem(inputPlace, "the workflow input must be a JSON object"));
        }
        return problems.isEmpty() ? Optional.of(new WorkflowStart(name, version,
                correlationId == null || correlationId.isEmpty() ? null : correlationId, input, idempotencyKey,
                strategy)) : Optional.empty();
    }

    private static void priority(Integer priority, List<Problem> problems) {
        if (priority == null || priority < 0 || priority > 99) {
            problems.add(new Problem("priority", "priority: " + priority + " should be between 0 and 99"));
        }
    }

    private static IdempotencyStrategy strategy(JsonNode value, List<Problem> problems) {
        if (value == null || value.isNull()) {
            return IdempotencyStrategy.FAIL;
        }
        for (IdempotencyStrategy s : IdempotencyStrategy.values()) {
            if (s.name().equals(value.asText())) {
                return s;
            }
        }
        problems.add(new Problem("idempotencyStrategy", value + " is not one of "
                + List.of(IdempotencyStrategy.values())));
        return IdempotencyStrategy.FAIL;
    }

    private static String text(JsonNode request, String field, List<Problem> problems) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add(new Problem(field, "must be a string"));
            return null;
        }
        return value.asText();
    }
}
