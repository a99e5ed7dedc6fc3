package dev.skald.orchestrator.app;

import io.micronaut.context.annotation.Requires;
import dev.skald.orchestrator.NotReadyException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import dev.skald.saga.definition.Identifiers;
import dev.skald.saga.definition.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What instances ask each other: reads of this instance's own stores only, never forwarded further. */
@Requires(property = "skald.orchestrator.enabled", notEquals = "false")
@Controller("/internal/sagas")
@Produces(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
public class InternalController {
    private final SagaRouter router;
    private final int partitions;

    public InternalController(SagaRouter router, OrchestratorRuntime runtime) {
        this.router = router;
        this.partitions = runtime.orchestrator().config().partitions();
    }

    @Get("/{id}")
    public HttpResponse<?> saga(String id, @QueryValue int partition, @QueryValue boolean stale) {
        return lookup(id, partition, false, stale);
    }

    @Get("/{id}/history")
    public HttpResponse<?> history(String id, @QueryValue int partition, @QueryValue boolean stale) {
        return lookup(id, partition, true, stale);
    }

    private HttpResponse<?> lookup(String id, int partition, boolean history, boolean stale) {
        List<Problem> problems = new ArrayList<>();
        QueryParameters.identifier(Identifiers.SAGA_ID, id, "id", problems);
        QueryParameters.partition(partition, partitions, problems);
        if (!problems.isEmpty()) {
            return Problems.invalid("invalid query", problems);
        }
        return respond(router.local(id, partition, history, stale), id);
    }

    @Get("/stuck")
    public HttpResponse<?> stuck(@QueryValue String olderThan, @QueryValue int limit) {
        List<Problem> problems = new ArrayList<>();
        Duration threshold = QueryParameters.duration(olderThan, null, "olderThan", problems);
        QueryParameters.limit(limit, limit, problems);
        if (!problems.isEmpty()) {
            return Problems.invalid("invalid query", problems);
        }
        try {
            return HttpResponse.ok(router.localStuck(threshold, limit));
        } catch (NotReadyException e) {
            return Problems.notReady(e.getMessage());
        }
    }

    @Get
    public HttpResponse<?> list(@Nullable @QueryValue String definition, @Nullable @QueryValue String status,
                                @QueryValue int limit) {
        List<Problem> problems = new ArrayList<>();
        QueryParameters.limit(limit, limit, problems);
        String wanted = QueryParameters.status(status, problems);
        QueryParameters.identifier(Identifiers.DEFINITION_NAME, definition, "definition", problems);
        if (!problems.isEmpty()) {
            return Problems.invalid("invalid query", problems);
        }
        try {
            return HttpResponse.ok(router.localList(definition, wanted, limit));
        } catch (NotReadyException e) {
            return Problems.notReady(e.getMessage());
        }
    }

    private static HttpResponse<?> respond(SagaRouter.Lookup lookup, String id) {
        if (lookup instanceof SagaRouter.Found found) {
            return HttpResponse.ok(found.body());
        }
        if (lookup instanceof SagaRouter.NotReady notReady) {
            return Problems.notReady(notReady.reason());
        }
        return Problems.error(HttpStatus.NOT_FOUND, "no saga '" + id + "' here");
    }
}
