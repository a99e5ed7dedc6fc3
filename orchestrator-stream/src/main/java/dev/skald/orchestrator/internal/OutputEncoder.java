package dev.skald.orchestrator.internal;

import dev.skald.avro.ControlAction;
import dev.skald.avro.HistoryType;
import dev.skald.avro.ReplyOutcome;
import dev.skald.avro.SagaCommand;
import dev.skald.avro.SagaControl;
import dev.skald.avro.SagaHistoryEvent;
import dev.skald.avro.SagaReply;
import dev.skald.avro.SagaResult;
import dev.skald.avro.SagaStart;
import dev.skald.saga.machine.Command;
import dev.skald.saga.machine.CommandKind;
import dev.skald.saga.machine.SagaEvent;
import dev.skald.saga.machine.SagaState;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.schemas.CommandKinds;
import java.time.Instant;

/** Turns the machine's decisions into the Avro records Skald writes. */
final class OutputEncoder {
    private OutputEncoder() {
    }

    static SagaCommand command(Command.ToParticipant c, Instant now) {
        return SagaCommand.newBuilder()
                .setCommandId(c.commandId()).setSagaId(c.sagaId()).setStepId(c.stepId()).setAttempt(c.attempt())
                .setKind(CommandKinds.toWire(c.kind()))
                .setParticipant(c.participant()).setCommandType(c.commandType())
                .setPayload(JsonText.write(c.payload())).setIssuedAt(now)
                .build();
    }

    static SagaStart childStart(Command.StartChild c, Instant now) {
        return SagaStart.newBuilder()
                .setSagaId(c.childSagaId()).setDefinition(c.definition()).setVersion(c.version())
                .setInput(JsonText.write(c.input())).setCorrelationKey(null).setIdempotencyKey(null)
                .setRequestedAt(now).setParent(c.parentId())
                .build();
    }

    /** The start of a failure saga: no parent, the newest version, the failed saga's correlation key. */
    static SagaStart start(Command.StartSaga c, Instant now) {
        return SagaStart.newBuilder()
                .setSagaId(c.startedSagaId()).setDefinition(c.definition()).setVersion(null)
                .setInput(JsonText.write(c.input())).setCorrelationKey(c.correlationKey()).setIdempotencyKey(null)
                .setRequestedAt(now).setParent(null)
                .build();
    }

    static SagaControl childCancel(Command.CancelChild c, Instant now) {
        return SagaControl.newBuilder().setSagaId(c.childSagaId()).setAction(ControlAction.CANCEL)
                .setReason("parent " + c.parentId() + ": " + c.reason()).setRequestedAt(now).build();
    }

    /** The reply a finished child saga sends to its parent's sub-saga step. */
    static SagaReply childOutcome(SagaState child, String parent) {
        String[] parts = child.sagaId().substring(parent.length() + 1).split("/");
        int attempt = Integer.parseInt(parts[1]);
        boolean completed = child.status() == SagaStatus.COMPLETED;
        return SagaReply.newBuilder()
                .setCommandId(Command.id(parent, parts[0], attempt, CommandKind.ACTION))
                .setSagaId(parent).setStepId(parts[0]).setAttempt(attempt)
                .setKind(CommandKinds.toWire(CommandKind.ACTION))
                .setOutcome(completed ? ReplyOutcome.SUCCESS : ReplyOutcome.BUSINESS_FAILURE)
                .setOutput(completed ? JsonText.write(child.output()) : null)
                .setError(completed ? null : "child saga " + child.sagaId() + " ended " + child.status()
                        + (child.error() == null ? "" : ": " + child.error()))
                .setRepliedAt(child.updatedAt())
                .build();
    }

    static SagaResult result(SagaState state) {
        return SagaResult.newBuilder()
                .setSagaId(state.sagaId()).setDefinition(state.definition()).setVersion(state.version())
                .setStatus(state.status().name()).setOutput(JsonText.write(state.output())).setError(state.error())
                .setFinishedAt(state.updatedAt())
                .build();
    }

    static SagaHistoryEvent history(String sagaId, SagaEvent event) {
        SagaHistoryEvent.Builder b = SagaHistoryEvent.newBuilder().setSagaId(sagaId).setAt(event.at())
                .setStepId(null).setAttempt(0).setFrom(null).setTo(null).setTrigger(null).setDetail(null);
        if (event instanceof SagaEvent.SagaTransitioned t) {
            b.setType(HistoryType.SAGA_TRANSITION)
                    .setFrom(t.transition().from() == null ? null : t.transition().from().name())
                    .setTo(t.transition().to().name()).setTrigger(t.transition().trigger().name())
                    .setDetail(t.detail());
        } else if (event instanceof SagaEvent.StepTransitioned t) {
            b.setType(HistoryType.STEP_TRANSITION).setStepId(t.stepId()).setAttempt(t.attempt())
                    .setFrom(t.transition().from().name()).setTo(t.transition().to().name())
                    .setTrigger(t.transition().trigger().name()).setDetail(t.detail());
        } else if (event instanceof SagaEvent.InputIgnored i) {
            b.setType(HistoryType.INPUT_IGNORED).setStepId(i.stepId()).setDetail(i.reason());
        } else if (event instanceof SagaEvent.CommandResent r) {
            b.setType(HistoryType.COMMAND_RESENT).setStepId(r.stepId()).setAttempt(r.attempt())
                    .setDetail(r.commandId());
        }
        return b.build();
    }
}
