package dev.skald.orchestrator.internal;

import dev.skald.avro.ExternalEvent;
import dev.skald.avro.SagaControl;
import dev.skald.avro.SagaReply;
import dev.skald.avro.SagaStart;
import dev.skald.avro.TimerFired;
import dev.skald.orchestrator.SkaldTopics;
import dev.skald.saga.definition.Identifiers;
import dev.skald.saga.machine.CommandKind;
import dev.skald.saga.machine.SagaInput;
import dev.skald.schemas.CommandKinds;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes and checks the input records of the saga processor. Anything it cannot make sense of throws, with a
 * message that says what is wrong; the processor sends such records to the dead-letter topic.
 */
final class InputDecoder {
    /** A decoded record whose fields break a rule (an identifier, a bound): dead-lettered as INVALID. */
    static final class InvalidInput extends IllegalArgumentException {
        InvalidInput(String message) {
            super(message);
        }
    }

    private final SkaldTopics topics;
    private final Serdes serdes;

    InputDecoder(SkaldTopics topics, Serdes serdes) {
        this.topics = topics;
        this.serdes = serdes;
    }

    Inbound decode(String topic, String key, byte[] value) {
        if (key == null) {
            throw new IllegalArgumentException("the record has no key; every Skald input is keyed by saga id");
        }
        if (value == null) {
            throw new IllegalArgumentException("the record has no value");
        }
        check(Identifiers.SAGA_ID, key, "key");
        if (topic.equals(topics.starts())) {
            return start(key, read(serdes.starts().deserializer(), topic, value));
        }
        if (topic.equals(topics.replies())) {
            return reply(key, read(serdes.replies().deserializer(), topic, value));
        }
        if (topic.equals(topics.control())) {
            return control(key, read(serdes.control().deserializer(), topic, value));
        }
        if (topic.equals(topics.timers())) {
            return timer(key, read(serdes.timers().deserializer(), topic, value));
        }
        if (topic.equals(topics.externalEvents())) {
            ExternalEvent event = read(serdes.externalEvents().deserializer(), topic, value);
            check(Identifiers.TYPE, event.getEventType(), "eventType");
            if (event.getCorrelationKey() != null) {
                check(Identifiers.KEY, event.getCorrelationKey(), "correlationKey");
            }
            return new Inbound.Apply(key, new SagaInput.ExternalEvent(event.getEventType(), event.getCorrelationKey(),
                    JsonText.parse(event.getPayload(), "payload")));
        }
        throw new IllegalArgumentException("unexpected input topic " + topic);
    }

    private static <T> T read(Deserializer<T> deserializer, String topic, byte[] value) {
        return deserializer.deserialize(topic, value);
    }

    private static Inbound timer(String key, TimerFired fired) {
        requireKey(key, fired.getSagaId());
        Inbound.TimerDue due = new Inbound.TimerDue(key, fired.getTimerKey(), fired.getDueAt());
        if (!due.retention() && !due.forget()) {
            due.toInput();
        }
        return due;
    }

    private static Inbound start(String key, SagaStart start) {
        requireKey(key, start.getSagaId());
        if (start.getDefinition() == null || start.getDefinition().isBlank()) {
            throw new InvalidInput("the start names no definition");
        }
        check(Identifiers.DEFINITION_NAME, start.getDefinition(), "definition");
        if (start.getVersion() != null && start.getVersion() < 1) {
            throw new InvalidInput("version: must be at least 1, was " + start.getVersion());
        }
        if (start.getCorrelationKey() != null) {
            check(Identifiers.KEY, start.getCorrelationKey(), "correlationKey");
        }
        if (start.getParent() != null) {
            check(Identifiers.SAGA_ID, start.getParent(), "parent");
        }
        return new Inbound.Start(key, start.getDefinition(), start.getVersion(), JsonText.parse(start.getInput(),
                "input"), start.getCorrelationKey(), start.getParent());
    }

    private static Inbound reply(String key, SagaReply reply) {
        requireKey(key, reply.getSagaId());
        if (reply.getAttempt() < 1) {
            throw new InvalidInput("reply attempt must be at least 1, was " + reply.getAttempt());
        }
        check(Identifiers.STEP_ID, reply.getStepId(), "stepId");
        CommandKind kind = CommandKinds.fromWire(reply.getKind())
                .orElseThrow(() -> new IllegalArgumentException("unknown reply kind " + reply.getKind()));
        SagaInput.ReplyOutcome outcome = switch (reply.getOutcome()) {
            case SUCCESS -> SagaInput.ReplyOutcome.SUCCESS;
            case BUSINESS_FAILURE -> SagaInput.ReplyOutcome.BUSINESS_FAILURE;
            case RETRIABLE_FAILURE -> SagaInput.ReplyOutcome.RETRIABLE_FAILURE;
            case IN_PROGRESS -> SagaInput.ReplyOutcome.IN_PROGRESS;
            default -> throw new IllegalArgumentException("unknown reply outcome " + reply.getOutcome());
        };
        return new Inbound.Apply(key, new SagaInput.Reply(reply.getStepId(), reply.getAttempt(), kind, outcome,
                JsonText.parse(reply.getOutput(), "output"), reply.getError()));
    }

    private static Inbound control(String key, SagaControl control) {
        requireKey(key, control.getSagaId());
        SagaInput.ControlAction action = switch (control.getAction()) {
            case CANCEL -> SagaInput.ControlAction.CANCEL;
            case PAUSE -> SagaInput.ControlAction.PAUSE;
            case RESUME -> SagaInput.ControlAction.RESUME;
            case RETRY -> SagaInput.ControlAction.RETRY;
            case RESEND -> SagaInput.ControlAction.RESEND;
            case RESTART -> SagaInput.ControlAction.RESTART;
            default -> throw new IllegalArgumentException("unknown control action " + control.getAction());
        };
        return new Inbound.Apply(key, new SagaInput.Control(action, control.getReason()));
    }

    private static void check(Identifiers rule, String value, String field) {
        rule.problem(value).ifPresent(problem -> {
            throw new InvalidInput(field + ": " + problem);
        });
    }

    private static void requireKey(String key, String sagaId) {
        if (!key.equals(sagaId)) {
            throw new InvalidInput("the record key '" + key + "' differs from its sagaId '" + sagaId
                    + "'; records must be keyed by saga id");
        }
    }
}
