package dev.skald.conductor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.orchestrator.NotReadyException;
import dev.skald.orchestrator.Orchestrator;
import dev.skald.orchestrator.app.OrchestratorRuntime;
import dev.skald.orchestrator.app.SagaRouter;
import dev.skald.saga.definition.Identifiers;
import dev.skald.saga.definition.Problem;
import dev.skald.saga.machine.SagaInput.ControlAction;
import dev.skald.saga.machine.SagaStatus;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Conductor's workflow resource ({@code /api/workflow}): starts, reads, searches and controls workflows, each a saga.
 * Starts and control requests go through Kafka like every Skald input: a 200 means the request is recorded.
 */
@Requires(property = "skald.orchestrator.enabled", notEquals = "false")
@Controller("/api/workflow")
@Produces(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
public class WorkflowController {
    private static final int MAX_REASON = 4096;

    private final Orchestrator orchestrator;
    private final SagaRouter router;
    private final WorkflowCatalog catalog;
    private final WorkflowSearch search;
    private final WorkflowStarter starter;

    public WorkflowController(OrchestratorRuntime runtime, SagaRouter router, WorkflowCatalog catalog) {
        this.orchestrator = runtime.orchestrator();
        this.router = router;
        this.catalog = catalog;
        this.search = new WorkflowSearch(router);
        this.starter = new WorkflowStarter(orchestrator, router);
    }

    @Post(value = "/{name}", consumes = MediaType.ALL, produces = MediaType.TEXT_PLAIN)
    public HttpResponse<?> start(String name, @Nullable @QueryValue String version,
                                 @Nullable @QueryValue String correlationId, @Nullable @QueryValue String priority,
                                 @Nullable @Body String body) {
        List<Problem> problems = new ArrayList<>();
        JsonNode input = body == null || body.isBlank() ? JsonNodeFactory.instance.objectNode()
                : RequestValues.json(body, problems);
        return start(WorkflowStart.of(name, version, correlationId, priority, input, problems), problems);
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.TEXT_PLAIN)
    public HttpResponse<?> start(@Nullable @Body String body) {
        List<Problem> problems = new ArrayList<>();
        JsonNode request = RequestValues.json(body, problems);
        return start(problems.isEmpty() ? WorkflowStart.of(request, problems) : Optional.empty(), problems);
    }

    private HttpResponse<?> start(Optional<WorkflowStart> start, List<Problem> problems) {
        if (start.isEmpty()) {
            return ConductorErrors.invalid(problems);
        }
        return ConductorErrors.ready(() -> starter.start(start.get()));
    }

    @Get("/{workflowId}")
    public HttpResponse<?> workflow(String workflowId, @Nullable @QueryValue String includeTasks) {
        List<Problem> problems = new ArrayList<>();
        boolean tasks = RequestValues.bool(includeTasks, true, "includeTasks", problems);
        if (!problems.isEmpty()) {
            return ConductorErrors.invalid(problems);
        }
        return withSaga(workflowId, saga -> HttpResponse.ok(render(saga, tasks)));
    }

    @Get("/running/{name}")
    public HttpResponse<?> running(String name, @Nullable @QueryValue String version,
                                   @Nullable @QueryValue String startTime, @Nullable @QueryValue String endTime) {
        List<Problem> problems = new ArrayList<>();
        int wanted = RequestValues.integer(version, 1, 1, "version", problems);
        Long from = RequestValues.millis(startTime, "startTime", problems);
        Long to = RequestValues.millis(endTime, "endTime", problems);
        if (!problems.isEmpty()) {
            return ConductorErrors.invalid(problems);
        }
        Predicate<SagaRecord> running = saga -> saga.version() == wanted && !saga.workflowStatus().isTerminal()
                && (from == null || saga.createdAt().toEpochMilli() >= from)
                && (to == null || saga.createdAt().toEpochMilli() <= to);
        return ConductorErrors.ready(() -> HttpResponse.ok(search.sagas(name).stream().filter(running)
                .map(SagaRecord::sagaId).toList()));
    }

    @Get("/{name}/correlated/{correlationId}")
    public HttpResponse<?> correlated(String name, String correlationId, @Nullable @QueryValue String includeClosed,
                                      @Nullable @QueryValue String includeTasks) {
        List<Problem> problems = new ArrayList<>();
        boolean closed = RequestValues.bool(includeClosed, false, "includeClosed", problems);
        boolean tasks = RequestValues.bool(includeTasks, false, "includeTasks", problems);
        if (!problems.isEmpty()) {
            return ConductorErrors.invalid(problems);
        }
        return ConductorErrors.ready(() -> {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            search.sagas(name).stream().filter(s -> correlationId.equals(s.correlationKey()))
                    .filter(s -> closed || !s.workflowStatus().isTerminal()).forEach(s -> out.add(render(s, tasks)));
            return HttpResponse.ok(out);
        });
    }

    @Get("/search")
    public HttpResponse<?> search(@Nullable @QueryValue String start, @Nullable @QueryValue String size,
                                  @Nullable @QueryValue String sort, @Nullable @QueryValue String freeText,
                                  @Nullable @QueryValue String query) {
        List<Problem> problems = new ArrayList<>();
        WorkflowSearch.Request request = WorkflowSearch.Request.of(start, size, sort, freeText, query, problems);
        if (!problems.isEmpty()) {
            return ConductorErrors.invalid(problems);
        }
        return ConductorErrors.ready(() -> HttpResponse.ok(search.search(request)));
    }

    @Put("/{workflowId}/pause")
    public HttpResponse<?> pause(String workflowId) {
        return control(workflowId, ControlAction.PAUSE, null, saga -> saga.workflowStatus().isTerminal()
                ? Optional.of("Workflow " + workflowId + " has ended, status cannot be updated.") : Optional.empty());
    }

    @Put("/{workflowId}/resume")
    public HttpResponse<?> resume(String workflowId) {
        return control(workflowId, ControlAction.RESUME, null, saga -> saga.status() != SagaStatus.PAUSED
                ? Optional.of("The workflow " + workflowId + " is not PAUSED so cannot resume. Current status is "
                + saga.workflowStatus()) : Optional.empty());
    }

    @Post("/{workflowId}/retry")
    public HttpResponse<?> retry(String workflowId) {
        return control(workflowId, ControlAction.RETRY, null, WorkflowController::retryRefusal);
    }

    @Delete("/{workflowId}")
    public HttpResponse<?> terminate(String workflowId, @Nullable @QueryValue String reason) {
        if (reason != null && reason.length() > MAX_REASON) {
            return ConductorErrors.invalid("reason", "at most " + MAX_REASON + " characters");
        }
        return control(workflowId, ControlAction.CANCEL, reason,
                saga -> saga.workflowStatus().isTerminal() ? Optional.of("Workflow " + workflowId
                        + " is in terminal state " + saga.workflowStatus() + ", it cannot be terminated")
                        : Optional.empty());
    }

    @Post("/{workflowId}/restart")
    public HttpResponse<?> restart(String workflowId, @Nullable @QueryValue String useLatestDefinitions) {
        if ("true".equalsIgnoreCase(useLatestDefinitions)) {
            return ConductorErrors.unsupported("restarting on the latest definition (useLatestDefinitions=true)",
                    "a saga runs to its end on the version it started with; start a new workflow instead");
        }
        return control(workflowId, ControlAction.RESTART, null, WorkflowController::restartRefusal);
    }

    @Delete("/{workflowId}/remove")
    public HttpResponse<?> remove(String workflowId) {
        return ConductorErrors.unsupported("removing a workflow",
                "Skald drops a finished workflow itself after skald.terminal-retention");
    }

    /** Conductor restarts a workflow in a terminal state; Skald a saga that ended and settled. */
    private static Optional<String> restartRefusal(SagaRecord saga) {
        return switch (saga.status()) {
            case COMPLETED, FAILED, COMPENSATED -> Optional.empty();
            case COMPENSATION_FAILED -> Optional.of("Workflow " + saga.sagaId() + " failed to roll back (status "
                    + saga.workflowStatus() + "); retry it (POST /api/workflow/{id}/retry) before restarting");
            default -> Optional.of("Workflow " + saga.sagaId() + " is not in a terminal state (status "
                    + saga.workflowStatus() + ") so it cannot be restarted");
        };
    }

    private static Optional<String> retryRefusal(SagaRecord saga) {
        return switch (saga.status()) {
            case FAILED, COMPENSATION_FAILED -> Optional.empty();
            case COMPENSATED -> Optional.of("not supported by Skald: retrying a workflow that was rolled back "
                    + "(status " + saga.workflowStatus() + " after compensation); start a new one");
            case COMPENSATING -> Optional.of("Workflow " + saga.sagaId() + " is " + saga.workflowStatus() + " but "
                    + "still waits for its in-flight tasks to finish; retry once they have");
            default -> Optional.of("Workflow is not in a failed state: status=" + saga.workflowStatus());
        };
    }

    /** Sends a control request when the saga exists and {@code refusal} finds nothing against it (else 409). */
    private HttpResponse<?> control(String workflowId, ControlAction action, String reason,
                                    Function<SagaRecord, Optional<String>> refusal) {
        return withSaga(workflowId, saga -> refusal.apply(saga).<HttpResponse<?>>map(ConductorErrors::conflict)
                .orElseGet(() -> {
                    orchestrator.control(workflowId, action, reason);
                    return HttpResponse.ok();
                }));
    }

    /** Finds the saga (from whichever instance owns it) and answers with {@code found}; 400, 404 or 503 else. */
    private HttpResponse<?> withSaga(String workflowId, Function<SagaRecord, HttpResponse<?>> found) {
        Optional<String> invalid = Identifiers.SAGA_ID.problem(workflowId);
        if (invalid.isPresent()) {
            return ConductorErrors.invalid("workflowId", invalid.get());
        }
        SagaRouter.Lookup lookup = router.find(workflowId, false);
        if (lookup instanceof SagaRouter.Found saga) {
            return ConductorErrors.ready(() -> found.apply(SagaRecord.of(saga.body())));
        }
        if (lookup instanceof SagaRouter.NotReady notReady) {
            return ConductorErrors.notReady(notReady.reason());
        }
        return ConductorErrors.notFound("No such workflow found by id: " + workflowId);
    }

    /** The Workflow JSON of a saga, with its tasks when asked. */
    private ObjectNode render(SagaRecord saga, boolean includeTasks) {
        JsonNode history = null;
        if (includeTasks) {
            SagaRouter.Lookup lookup = router.find(saga.sagaId(), true);
            if (lookup instanceof SagaRouter.NotReady notReady) {
                throw new NotReadyException(notReady.reason(), null);
            }
            history = lookup instanceof SagaRouter.Found found ? found.body() : JsonNodeFactory.instance.arrayNode();
        }
        return WorkflowJson.workflow(saga, history, catalog.get(saga.definition(), saga.version())
                .map(WorkflowCatalog.Entry::document));
    }

}
