package dev.skald.saga.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.saga.machine.Command;
import dev.skald.saga.machine.CommandKind;
import dev.skald.saga.machine.FailureSagas;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepStatus;
import java.util.Optional;

/** Sends the start of a definition's failure saga when a decision ends a saga in failure ({@link FailureSagas}). */
final class FailureStarts {
    private FailureStarts() {
    }

    /** After a decision: starts the failure saga if the saga, {@code before} it, has just ended in failure. */
    static void sendIfFailed(Run run, SagaStatus before) {
        SagaStatus now = run.status();
        String failureSaga = run.plan.definition().failureSaga();
        boolean failedNow = now != before && now.isTerminal() && now != SagaStatus.COMPLETED;
        boolean cancelled = run.error() != null && run.error().startsWith(FailureSagas.CANCELLED);
        if (failureSaga == null || !failedNow || cancelled) {
            return;
        }
        run.send(new Command.StartSaga(Command.id(run.sagaId, FailureSagas.STEP_ID, run.round(), CommandKind.ACTION),
                run.sagaId, FailureSagas.STEP_ID, run.round(), FailureSagas.startedSagaId(run.sagaId, run.round()),
                failureSaga, input(run), run.correlationKey()));
    }

    private static JsonNode input(Run run) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        if (run.sagaInput() != null && run.sagaInput().isObject()) {
            input.setAll((ObjectNode) run.sagaInput().deepCopy());
        }
        String error = run.error();
        input.put(FailureSagas.WORKFLOW_ID, run.sagaId);
        input.put(FailureSagas.REASON, error);
        input.put(FailureSagas.FAILURE_STATUS,
                error != null && error.startsWith(FailureSagas.TIMED_OUT) ? "TIMED_OUT" : "FAILED");
        failedStep(run).ifPresent(taskId -> input.put(FailureSagas.FAILURE_TASK_ID, taskId));
        input.put(FailureSagas.SAGA_STATUS, run.status().name());
        input.put(FailureSagas.DEFINITION, run.plan.definition().name());
        input.put(FailureSagas.VERSION, run.plan.definition().version());
        return input;
    }

    /** The command id of the last attempt of the first step that failed, if one did. */
    private static Optional<String> failedStep(Run run) {
        for (int i = 0; i < run.size(); i++) {
            if (run.stepStatus(i) == StepStatus.FAILED) {
                return Optional.of(Command.id(run.sagaId, run.step(i).id(), run.step(i).attempt(),
                        CommandKind.ACTION));
            }
        }
        return Optional.empty();
    }
}
