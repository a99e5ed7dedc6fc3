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

/** What instances ask each other: reads of this instance's own stores only, never forwarded further. */
@Requires(property = "skald.orchestrator.enabled", notEquals = "false")
@Controller("/internal/sagas")
@Produces(MediaType.APPLICATION_JSON)
public class InternalController {
    private final SagaRouter router;

    public InternalController(SagaRouter router) {
        this.router = router;
    }

    @Get("/{id}")
    public HttpResponse<?> saga(String id, @QueryValue int partition, @QueryValue boolean stale) {
        return respond(router.local(id, partition, false, stale), id);
    }

    @Get("/{id}/history")
    public HttpResponse<?> history(String id, @QueryValue int partition, @QueryValue boolean stale) {
        return respond(router.local(id, partition, true, stale), id);
    }

    @Get("/stuck")
    public HttpResponse<?> stuck(@QueryValue String olderThan, @QueryValue int limit) {
        try {
            return HttpResponse.ok(router.localStuck(java.time.Duration.parse(olderThan), limit));
        } catch (NotReadyException e) {
            return Problems.notReady(e.getMessage());
        }
    }

    @Get
    public HttpResponse<?> list(@Nullable @QueryValue String definition, @Nullable @QueryValue String status,
                                @QueryValue int limit) {
        try {
            return HttpResponse.ok(router.localList(definition, status, limit));
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
