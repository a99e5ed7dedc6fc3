package dev.skald.orchestrator.app;

import io.micronaut.context.annotation.Requires;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skald.orchestrator.NotReadyException;
import dev.skald.orchestrator.Orchestrator;
import dev.skald.orchestrator.StartRequest;
import dev.skald.saga.definition.Identifiers;
import dev.skald.saga.definition.Problem;
import dev.skald.saga.json.Json;
import dev.skald.saga.machine.SagaInput;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;

/**
 * {@code POST /sagas}, {@code GET /sagas/{id}}, {@code GET /sagas}, {@code GET /sagas/{id}/history} and
 * {@code POST /sagas/{id}/cancel|pause|resume|retry}. Starts and control requests go through Kafka like every input:
 * 202 means the request is recorded, and the saga reacts to it in order with everything else.
 */
@Requires(property = "skald.orchestrator.enabled", notEquals = "false")
@Controller("/sagas")
@Produces(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SagasController {
    private static final List<String> START_FIELDS =
            List.of("definition", "version", "input", "sagaId", "idempotencyKey", "correlationKey");

    private static final int MAX_REASON = 4096;

    private final Orchestrator orchestrator;
    private final SagaRouter router;

    public SagasController(OrchestratorRuntime runtime, SagaRouter router) {
        this.orchestrator = runtime.orchestrator();
        this.router = router;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<?> start(@Body String body) {
        List<Problem> problems = new ArrayList<>();
        StartRequest request;
        try {
            request = StartRequests.parse(body, problems, this::applied);
        } catch (NotReadyException e) {
            return Problems.notReady(e.getMessage());
        }
        if (request == null) {
            return Problems.invalid("the start request is invalid", problems);
        }
        int inputBytes = request.input() == null ? 0 : request.input().toString().length();
        if (inputBytes > orchestrator.config().maxStateBytes()) {
            return Problems.error(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "the input has " + inputBytes
                    + " characters; a saga's state is at most " + orchestrator.config().maxStateBytes()
                    + " bytes (skald.max-state-bytes)");
        }
        String sagaId = orchestrator.startSaga(request);
        return HttpResponse.status(HttpStatus.ACCEPTED).body(JsonNodeFactory.instance.objectNode().put("sagaId", sagaId));
    }

    private boolean applied(String definition, Integer version) {
        return orchestrator.definitions().exists(definition, version);
    }

    /**
     * {@code GET /sagas/stuck?olderThan=PT5M&limit=100}: sagas waiting on a command for longer than {@code olderThan}
     * (ISO-8601 or {@code 90s}, {@code 5m}, {@code 2h}, {@code 1d}; default 5 minutes) with no timer due to move
     * them.
     */
    @Get("/stuck")
    public HttpResponse<?> stuck(@Nullable @QueryValue String olderThan, @Nullable @QueryValue Integer limit) {
        List<Problem> problems = new ArrayList<>();
        int max = QueryParameters.limit(limit, 100, problems);
        Duration threshold = QueryParameters.duration(olderThan, Duration.ofMinutes(5), "olderThan", problems);
        if (!problems.isEmpty()) {
            return Problems.invalid("invalid query", problems);
        }
        try {
            return HttpResponse.ok(router.stuck(threshold, max));
        } catch (NotReadyException e) {
            return Problems.notReady(e.getMessage());
        }
    }

    @Get("/{id}")
    public HttpResponse<?> get(String id) {
        return invalidId(id).orElseGet(() -> respond(router.find(id, false), id));
    }

    @Get("/{id}/history")
    public HttpResponse<?> history(String id) {
        return invalidId(id).orElseGet(() -> respond(router.find(id, true), id));
    }

    /** A 400 naming the rule when {@code id} cannot be a saga id. */
    private static java.util.Optional<HttpResponse<?>> invalidId(String id) {
        return Identifiers.SAGA_ID.problem(id).map(p -> Problems.invalid("invalid saga id",
                List.of(new Problem("id", p))));
    }

    @Get
    public HttpResponse<?> list(@Nullable @QueryValue String definition, @Nullable @QueryValue String status,
                                @Nullable @QueryValue Integer limit) {
        List<Problem> problems = new ArrayList<>();
        int max = QueryParameters.limit(limit, 100, problems);
        String wanted = QueryParameters.status(status, problems);
        QueryParameters.identifier(Identifiers.DEFINITION_NAME, definition, "definition", problems);
        if (!problems.isEmpty()) {
            return Problems.invalid("invalid query", problems);
        }
        try {
            return HttpResponse.ok(router.list(definition, wanted, max));
        } catch (NotReadyException e) {
            return Problems.notReady(e.getMessage());
        }
    }

    @Post("/{id}/{action}")
    public HttpResponse<?> control(String id, String action, @Nullable @Body String body) {
        java.util.Optional<HttpResponse<?>> invalid = invalidId(id);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        SagaInput.ControlAction control;
        try {
            control = SagaInput.ControlAction.valueOf(action.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Problems.error(HttpStatus.NOT_FOUND, "unknown action '" + action
                    + "': use cancel, pause, resume, retry, resend or restart");
        }
        java.util.Optional<String> reason;
        try {
            reason = reason(body);
        } catch (IllegalArgumentException e) {
            return Problems.invalid("the control request is invalid", List.of(new Problem("body", e.getMessage())));
        }
        SagaRouter.Lookup found = router.find(id, false);
        if (!(found instanceof SagaRouter.Found)) {
            return respond(found, id);
        }
        orchestrator.control(id, control, reason.orElse(null));
        return HttpResponse.status(HttpStatus.ACCEPTED).body(JsonNodeFactory.instance.objectNode()
                .put("sagaId", id).put("action", control.name()));
    }

    /** The optional {@code {"reason": "..."}} of a control request; throws when the body is not that. */
    private static java.util.Optional<String> reason(String body) {
        if (body == null || body.isBlank()) {
            return java.util.Optional.empty();
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!tree.isObject() || tree.has("reason") && !tree.get("reason").isTextual()) {
            throw new IllegalArgumentException("expected an empty body or {\"reason\": \"...\"}");
        }
        if (tree.hasNonNull("reason") && tree.get("reason").asText().length() > MAX_REASON) {
            throw new IllegalArgumentException("reason: at most " + MAX_REASON + " characters");
        }
        return java.util.Optional.ofNullable(tree.hasNonNull("reason") ? tree.get("reason").asText() : null);
    }

    private static HttpResponse<?> respond(SagaRouter.Lookup lookup, String id) {
        if (lookup instanceof SagaRouter.Found found) {
            return HttpResponse.ok(found.body());
        }
        if (lookup instanceof SagaRouter.NotReady notReady) {
            return Problems.notReady(notReady.reason());
        }
        return Problems.error(HttpStatus.NOT_FOUND, "no saga '" + id + "'");
    }

    /** Validates start request bodies, naming every problem. */
    static final class StartRequests {
        private StartRequests() {
        }

        /**
         * The request in {@code body}, or null with every problem added to {@code problems}; {@code applied} tells
         * whether a definition (and version, or null for the newest) exists.
         */
        static StartRequest parse(String body, List<Problem> problems, BiPredicate<String, Integer> applied) {
            JsonNode tree;
            try {
                tree = Json.mapper().readTree(body == null ? "" : body);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                problems.add(new Problem("body", "not valid JSON: " + e.getOriginalMessage()));
                return null;
            }
            if (tree == null || !tree.isObject()) {
                problems.add(new Problem("body", "expected a JSON object {definition, version?, input, sagaId?, "
                        + "idempotencyKey?, correlationKey?}"));
                return null;
            }
            tree.fieldNames().forEachRemaining(f -> {
                if (!START_FIELDS.contains(f)) {
                    problems.add(new Problem(f, "unknown field; expected one of " + START_FIELDS));
                }
            });
            String definition = text(tree, "definition", true, problems);
            if (definition != null && !Identifiers.DEFINITION_NAME.valid(definition)) {
                QueryParameters.identifier(Identifiers.DEFINITION_NAME, definition, "definition", problems);
                definition = null;
            }
            Integer version = null;
            if (tree.hasNonNull("version")) {
                if (!tree.get("version").canConvertToExactIntegral() || tree.get("version").asInt() < 1) {
                    problems.add(new Problem("version", "must be a whole number of at least 1"));
                } else {
                    version = tree.get("version").asInt();
                }
            }
            if (definition != null && problems.stream().noneMatch(p -> p.place().equals("version"))
                    && !applied.test(definition, version)) {
                problems.add(new Problem("definition", "no definition '" + definition + "'"
                        + (version == null ? "" : " version " + version) + " has been applied"));
            }
            JsonNode input = tree.hasNonNull("input") ? tree.get("input") : JsonNodeFactory.instance.objectNode();
            if (!input.isObject()) {
                problems.add(new Problem("input", "must be a JSON object"));
            }
            String sagaId = QueryParameters.identifier(Identifiers.SAGA_ID, text(tree, "sagaId", false, problems),
                    "sagaId", problems);
            String idempotencyKey = QueryParameters.identifier(Identifiers.KEY,
                    text(tree, "idempotencyKey", false, problems), "idempotencyKey", problems);
            if (sagaId != null && idempotencyKey != null) {
                problems.add(new Problem("idempotencyKey", "give either sagaId or idempotencyKey, not both: the "
                        + "saga id of an idempotent start is derived from its key"));
            }
            String correlationKey = QueryParameters.identifier(Identifiers.KEY,
                    text(tree, "correlationKey", false, problems), "correlationKey", problems);
            return problems.isEmpty()
                    ? new StartRequest(definition, version, input, sagaId, idempotencyKey, correlationKey) : null;
        }

        private static String text(JsonNode tree, String field, boolean required, List<Problem> problems) {
            JsonNode value = tree.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    problems.add(new Problem(field, "is required"));
                }
                return null;
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                problems.add(new Problem(field, "must be a non-blank string"));
                return null;
            }
            return value.asText();
        }
    }
}
