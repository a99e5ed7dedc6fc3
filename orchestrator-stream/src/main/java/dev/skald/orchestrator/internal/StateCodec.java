package dev.skald.orchestrator.internal;

import dev.skald.avro.InboxEvent;
import dev.skald.avro.MapElementRecord;
import dev.skald.avro.SagaStateRecord;
import dev.skald.avro.StepStateRecord;
import dev.skald.avro.TimerRecord;
import dev.skald.saga.machine.MapElement;
import dev.skald.saga.machine.SagaInput;
import dev.skald.saga.machine.SagaState;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepState;
import dev.skald.saga.machine.StepStatus;
import dev.skald.saga.machine.TimerId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Converts saga states between saga-core's model and the Avro record kept in the saga store. */
public final class StateCodec {
    private StateCodec() {
    }

    public static SagaStateRecord toRecord(SagaState state, String parent) {
        return SagaStateRecord.newBuilder()
                .setSagaId(state.sagaId())
                .setDefinition(state.definition())
                .setVersion(state.version())
                .setCorrelationKey(state.correlationKey())
                .setStatus(state.status().name())
                .setInput(JsonText.write(state.input()))
                .setOutput(JsonText.write(state.output()))
                .setError(state.error())
                .setCreatedAt(state.createdAt())
                .setUpdatedAt(state.updatedAt())
                .setRound(state.round())
                .setSteps(state.steps().stream().map(StateCodec::toRecord).toList())
                .setTimers(state.timers().entrySet().stream()
                        .map(e -> TimerRecord.newBuilder().setKey(e.getKey().key()).setDueAt(e.getValue()).build())
                        .toList())
                .setInbox(state.inbox().stream().map(e -> InboxEvent.newBuilder().setEventType(e.eventType())
                        .setCorrelationKey(e.correlationKey()).setPayload(JsonText.write(e.payload())).build())
                        .toList())
                .setParent(parent)
                .build();
    }

    private static StepStateRecord toRecord(StepState step) {
        return StepStateRecord.newBuilder()
                .setId(step.id())
                .setStatus(step.status().name())
                .setAttempt(step.attempt())
                .setAttemptBase(step.attemptBase())
                .setCompensationAttempt(step.compensationAttempt())
                .setCompensationBase(step.compensationBase())
                .setInput(JsonText.write(step.input()))
                .setOutput(JsonText.write(step.output()))
                .setError(step.error())
                .setUpdatedAt(step.updatedAt())
                .setElements(step.elements().stream().map(StateCodec::toRecord).toList())
                .build();
    }

    private static MapElementRecord toRecord(MapElement element) {
        return MapElementRecord.newBuilder()
                .setIndex(element.index())
                .setStatus(element.status().name())
                .setAttempt(element.attempt())
                .setAttempts(element.attempts())
                .setCompensationAttempt(element.compensationAttempt())
                .setCompensationAttempts(element.compensationAttempts())
                .setOutput(JsonText.write(element.output()))
                .setError(element.error())
                .build();
    }

    public static SagaState fromRecord(SagaStateRecord r) {
        Map<TimerId, Instant> timers = r.getTimers().stream().collect(Collectors.toMap(
                t -> TimerId.parse(t.getKey()), TimerRecord::getDueAt, (a, b) -> a, TreeMap::new));
        List<SagaInput.ExternalEvent> inbox = r.getInbox().stream().map(e -> new SagaInput.ExternalEvent(
                e.getEventType(), e.getCorrelationKey(), JsonText.parse(e.getPayload(), "inbox.payload"))).toList();
        return new SagaState(r.getSagaId(), r.getDefinition(), r.getVersion(), r.getCorrelationKey(),
                SagaStatus.valueOf(r.getStatus()), JsonText.parse(r.getInput(), "input"),
                JsonText.parse(r.getOutput(), "output"), r.getError(), r.getCreatedAt(), r.getUpdatedAt(),
                r.getRound(), r.getSteps().stream().map(StateCodec::fromRecord).toList(), new TreeMap<>(timers),
                inbox);
    }

    private static StepState fromRecord(StepStateRecord s) {
        return new StepState(s.getId(), StepStatus.valueOf(s.getStatus()), s.getAttempt(), s.getAttemptBase(),
                s.getCompensationAttempt(), s.getCompensationBase(), JsonText.parse(s.getInput(), "step.input"),
                JsonText.parse(s.getOutput(), "step.output"), s.getError(), s.getUpdatedAt(),
                s.getElements().stream().map(StateCodec::fromRecord).toList());
    }

    private static MapElement fromRecord(MapElementRecord e) {
        return new MapElement(e.getIndex(), StepStatus.valueOf(e.getStatus()), e.getAttempt(), e.getAttempts(),
                e.getCompensationAttempt(), e.getCompensationAttempts(), JsonText.parse(e.getOutput(), "element.output"),
                e.getError());
    }
}
