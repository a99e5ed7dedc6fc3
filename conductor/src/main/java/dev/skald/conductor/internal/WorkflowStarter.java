package dev.skald.conductor.internal;

import dev.skald.orchestrator.Orchestrator;
import dev.skald.orchestrator.StartRequest;
import dev.skald.orchestrator.app.SagaRouter;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Starts a checked {@link WorkflowStart}: 404 for an unknown workflow or version, 413 for an input larger than a
 * saga's state may be, Conductor's idempotency strategies for a repeated key, else the workflow id as text, once the
 * workflow can be read.
 */
final class WorkflowStarter {
    /** How long a start waits for its saga to become readable. */
    static final Duration VISIBLE_WITHIN = Duration.ofSeconds(10);

    private final Orchestrator orchestrator;
    private final SagaRouter router;

    WorkflowStarter(Orchestrator orchestrator, SagaRouter router) {
        this.orchestrator = orchestrator;
        this.router = router;
    }

    HttpResponse<?> start(WorkflowStart start) {
        if (!orchestrator.definitions().exists(start.name(), start.version())) {
            return ConductorErrors.notFound("No such workflow found by name: " + start.name() + ", version: "
                    + start.version());
        }
        int inputBytes = start.input().toString().length();
        if (inputBytes > orchestrator.config().maxStateBytes()) {
            return ConductorErrors.error(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "the input has " + inputBytes
                    + " characters; a workflow's state is at most " + orchestrator.config().maxStateBytes()
                    + " bytes (skald.max-state-bytes)");
        }
        StartRequest request = start.request();
        if (start.idempotencyKey() != null) {
            HttpResponse<?> repeated = repeated(start, request.resolvedSagaId());
            if (repeated != null) {
                return repeated;
            }
        }
        String sagaId = orchestrator.startSaga(request);
        awaitVisible(sagaId);
        return text(sagaId);
    }

    /**
     * Waits (at most {@link #VISIBLE_WITHIN}) until the started saga can be read, so that a client that reads the
     * workflow right after starting it finds it, as in Conductor. After that the id is answered anyway: the start is
     * recorded, and the saga appears once its instance has processed it.
     */
    private void awaitVisible(String sagaId) {
        long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        while (!(router.find(sagaId, false) instanceof SagaRouter.Found) && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The answer to a repeated idempotency key, or null when the key is new. */
    private HttpResponse<?> repeated(WorkflowStart start, String sagaId) {
        SagaRouter.Lookup lookup = router.find(sagaId, false);
        if (lookup instanceof SagaRouter.NotReady notReady) {
            return ConductorErrors.notReady(notReady.reason());
        }
        if (!(lookup instanceof SagaRouter.Found found)) {
            return null;
        }
        if (start.strategy() == WorkflowStart.IdempotencyStrategy.RETURN_EXISTING) {
            return text(sagaId);
        }
        String status = SagaRecord.of(found.body()).workflowStatus().name();
        return ConductorErrors.conflict("Workflow with idempotency key " + start.idempotencyKey() + " already "
                + "exists: " + sagaId + " (" + status + ")" + (start.strategy()
                == WorkflowStart.IdempotencyStrategy.FAIL_ON_RUNNING ? "; Skald starts one workflow per key, so "
                + "a key cannot start a second one even after the first ended" : ""));
    }

    private static HttpResponse<?> text(String value) {
        return HttpResponse.ok(value).contentType(MediaType.TEXT_PLAIN_TYPE);
    }
}
