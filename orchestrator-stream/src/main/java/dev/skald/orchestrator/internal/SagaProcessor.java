package dev.skald.orchestrator.internal;

import dev.skald.avro.SagaHistoryEvent;
import dev.skald.avro.SagaStateRecord;
import dev.skald.avro.TimerFired;
import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.saga.definition.Bounds;
import dev.skald.saga.definition.Identifiers;
import dev.skald.saga.machine.Command;
import dev.skald.saga.machine.Decision;
import dev.skald.saga.machine.SagaEvent;
import dev.skald.saga.machine.SagaInput;
import dev.skald.saga.machine.SagaMachine;
import dev.skald.saga.machine.SagaState;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepStatus;
import dev.skald.saga.machine.TimerOp;
import dev.skald.schemas.DeadLetterKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one processor of the saga topology: decodes an input, loads the saga, asks the machine, and writes what it
 * decided (state, timers, commands, history, outcomes) in the same exactly-once transaction. A wall-clock
 * punctuator turns due timers into timer-fired input records. An ended saga sets a retention timer that deletes it.
 *
 * <p>In replay mode the processor only rebuilds its stores: it forwards nothing and runs no punctuator, because
 * every record it would send is already in the topics it reads (timer firings included).
 */
final class SagaProcessor implements Processor<String, byte[], String, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(SagaProcessor.class);

    private final OrchestratorConfig config;
    private final Serdes serdes;
    private final InputDecoder decoder;
    private final SagaMetrics metrics;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, byte[]> sagas;
    private KeyValueStore<String, String> ended;
    private TimerIndex timers;
    private HistoryLog history;
    private DefinitionCatalog catalog;
    private DeadLetters deadLetters;
    private Serializer<SagaStateRecord> stateWriter;
    private Deserializer<SagaStateRecord> stateReader;
    private String stateSubject;

    SagaProcessor(OrchestratorConfig config, Serdes serdes, SagaMetrics metrics) {
        this.config = config;
        this.serdes = serdes;
        this.metrics = metrics;
        this.decoder = new InputDecoder(config.topics(), serdes);
    }

    @Override
    public void init(ProcessorContext<String, Object> processorContext) {
        this.context = processorContext;
        this.sagas = context.getStateStore(Nodes.SAGA_STORE);
        this.ended = context.getStateStore(Nodes.ENDED_STORE);
        this.timers = new TimerIndex(context.getStateStore(Nodes.TIMER_STORE));
        this.history = new HistoryLog(context.getStateStore(Nodes.HISTORY_STORE), config.historyLimit());
        this.catalog = new DefinitionCatalog(context.getStateStore(Nodes.DEFINITION_STORE));
        this.deadLetters = new DeadLetters(context, !config.replay(), metrics);
        this.stateWriter = serdes.state().serializer();
        this.stateReader = serdes.state().deserializer();
        this.stateSubject = Nodes.stateSubject(config.applicationId());
        if (!config.replay()) {
            context.schedule(config.timerInterval(), PunctuationType.WALL_CLOCK_TIME, this::fireDueTimers);
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        try (org.slf4j.MDC.MDCCloseable saga = org.slf4j.MDC.putCloseable("sagaId", record.key())) {
            processWithSagaId(record);
        } catch (RuntimeException | StackOverflowError e) {
            failed(record, e);
        }
    }

    /**
     * An input whose processing threw (a bug nobody foresaw): dead-lettered with a stack summary, and noted in the
     * history of its saga when there is one. The saga's state is written last, so it stays as it was; records already
     * forwarded for the input (commands, history) before the failure still go out with the transaction.
     */
    private void failed(Record<String, byte[]> record, Throwable error) {
        LOG.error("processing an input of saga {} failed; dead-lettering it", record.key(), error);
        String reason = "processing failed: " + error;
        deadLetters.send(record, DeadLetterKind.PROCESSING_ERROR, reason, error);
        String sagaId = record.key();
        if (sagaId != null && Identifiers.SAGA_ID.valid(sagaId) && sagas.get(sagaId) != null) {
            noteIgnored(sagaId, reason, Instant.ofEpochMilli(Math.max(0, record.timestamp())));
        }
    }

    /** A history event saying an input of the saga went to the dead-letter topic, and why. */
    private void noteIgnored(String sagaId, String reason, Instant now) {
        forwardHistory(sagaId, List.of(new SagaEvent.InputIgnored(now, null, "dead-lettered: " + reason)), now);
    }

    private void processWithSagaId(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("(unknown)");
        Inbound inbound;
        try {
            inbound = decoder.decode(topic, record.key(), record.value());
        } catch (InputDecoder.InvalidInput e) {
            deadLetters.send(record, DeadLetterKind.INVALID, "invalid record of " + topic + ": " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            deadLetters.send(record, DeadLetterKind.UNDECODABLE, "cannot decode a record of " + topic + ": "
                    + e.getMessage());
            return;
        }
        Instant now = Bounds.clamp(Instant.ofEpochMilli(record.timestamp()));
        if (inbound instanceof Inbound.Start start) {
            start(record, start, now);
        } else if (inbound instanceof Inbound.TimerDue due) {
            if (config.replay()) {
                // a live instance removed the entry when its punctuator fired the timer; a replay has no punctuator
                timers.cancel(due.dueAt(), due.sagaId(), due.timerKey());
            }
            if (due.retention()) {
                expire(due.sagaId(), now);
            } else if (due.forget()) {
                ended.delete(due.sagaId());
            } else {
                apply(record, new Inbound.Apply(due.sagaId(), due.toInput()), now);
            }
        } else {
            apply(record, (Inbound.Apply) inbound, now);
        }
    }

    /** Deletes an ended saga whose retention has passed; one that was retried since, or ended later, stays. */
    private void expire(String sagaId, Instant now) {
        Optional<Stored> stored = load(sagaId);
        if (stored.isEmpty()) {
            return;
        }
        SagaState state = stored.get().state();
        if (!expires(state.status()) || Bounds.plus(state.updatedAt(), config.terminalRetention()).isAfter(now)) {
            return;
        }
        sagas.delete(sagaId);
        history.remove(sagaId);
        if (!config.idempotencyWindow().isZero()) {
            ended.put(sagaId, Long.toString(now.toEpochMilli()));
            timers.set(Bounds.plus(now, config.idempotencyWindow()), sagaId, Inbound.TimerDue.FORGET);
        }
        LOG.debug("saga {} deleted: {} for longer than {}", sagaId, state.status(), config.terminalRetention());
    }

    private boolean expires(SagaStatus status) {
        return !config.terminalRetention().isZero()
                && (status == SagaStatus.COMPLETED || status == SagaStatus.COMPENSATED);
    }

    private void start(Record<String, byte[]> record, Inbound.Start start, Instant now) {
        Optional<Stored> existing = load(start.sagaId());
        if (existing.isPresent()) {
            decideAndWrite(record, existing.get(), start.toInput(), now);
            return;
        }
        String endedAt = ended.get(start.sagaId());
        if (endedAt != null) {
            deadLetters.send(record, DeadLetterKind.REJECTED, "saga " + start.sagaId() + " already ran: it ended "
                    + "and was deleted at " + Instant.ofEpochMilli(Long.parseLong(endedAt)) + " after its retention; "
                    + "its id stays taken for skald.idempotency-window (" + config.idempotencyWindow() + ")");
            return;
        }
        Optional<SagaMachine> machine = config.replay() ? catalog.resolve(start.definition(), start.version(), now)
                : catalog.resolve(start.definition(), start.version());
        if (machine.isEmpty()) {
            deadLetters.send(record, DeadLetterKind.UNKNOWN_DEFINITION, "no definition '" + start.definition()
                    + "'" + (start.version() == null ? "" : " version " + start.version()) + " has been applied");
            return;
        }
        Decision decision = machine.get().decide(null, start.toInput(), now);
        Optional<byte[]> encoded = encode(decision.state(), start.parent());
        if (encoded.isEmpty()) {
            deadLetters.send(record, DeadLetterKind.TOO_LARGE, "the input of saga " + start.sagaId()
                    + " makes its state larger than " + config.maxStateBytes() + " bytes (skald.max-state-bytes)");
            return;
        }
        metrics.started(decision.state().definition());
        write(encoded.get(), start.parent(), null, decision, now);
    }

    private void apply(Record<String, byte[]> record, Inbound.Apply apply, Instant now) {
        Optional<Stored> stored = load(apply.sagaId());
        if (stored.isEmpty()) {
            deadLetters.send(record, DeadLetterKind.UNKNOWN_SAGA, "no saga '" + apply.sagaId() + "' exists");
            return;
        }
        decideAndWrite(record, stored.get(), apply.input(), now);
    }

    private void decideAndWrite(Record<String, byte[]> record, Stored stored, SagaInput input, Instant now) {
        SagaState state = stored.state();
        Optional<SagaMachine> machine = catalog.machine(state.definition(), state.version());
        if (machine.isEmpty()) {
            deadLetters.send(record, DeadLetterKind.UNKNOWN_DEFINITION, "saga " + state.sagaId() + " runs "
                    + state.definition() + " v" + state.version() + ", which this instance cannot find");
            return;
        }
        Decision decision = machine.get().decide(state, input, now);
        if (decision.rejected().isPresent()) {
            deadLetters.send(record, DeadLetterKind.REJECTED, decision.rejection());
            forwardHistory(state.sagaId(), decision.events(), now);
            return;
        }
        Optional<byte[]> encoded = encode(decision.state(), stored.parent());
        if (encoded.isEmpty() && input instanceof SagaInput.Reply reply
                && reply.outcome() == SagaInput.ReplyOutcome.SUCCESS) {
            String reason = "the output of step '" + reply.stepId() + "' would make the saga state larger than "
                    + config.maxStateBytes() + " bytes (skald.max-state-bytes); the reply is in the dead-letter topic";
            deadLetters.send(record, DeadLetterKind.TOO_LARGE, reason);
            SagaInput.Reply failure = new SagaInput.Reply(reply.stepId(), reply.attempt(), reply.kind(),
                    SagaInput.ReplyOutcome.BUSINESS_FAILURE, null, reason);
            decision = machine.get().decide(state, failure, now);
            encoded = encode(decision.state(), stored.parent());
        }
        if (encoded.isEmpty()) {
            deadLetters.send(record, DeadLetterKind.TOO_LARGE, "applying this record would make saga "
                    + state.sagaId() + " larger than " + config.maxStateBytes() + " bytes (skald.max-state-bytes)");
            return;
        }
        write(encoded.get(), stored.parent(), state, decision, now);
    }

    /** The encoded state, or empty when it exceeds the size limit. */
    private Optional<byte[]> encode(SagaState state, String parent) {
        byte[] bytes = stateWriter.serialize(stateSubject, StateCodec.toRecord(state, parent));
        if (bytes.length > config.maxStateBytes()) {
            LOG.warn("saga {}: state of {} bytes exceeds the limit of {}", state.sagaId(), bytes.length,
                    config.maxStateBytes());
            return Optional.empty();
        }
        return Optional.of(bytes);
    }

    /** Persists a decision and sends what it asks for; {@code before} is null for a start. */
    private void write(byte[] bytes, String parent, SagaState before, Decision decision, Instant now) {
        SagaState state = decision.state();
        for (TimerOp op : decision.timers()) {
            if (op instanceof TimerOp.Set set) {
                timers.set(set.dueAt(), state.sagaId(), set.id().key());
            } else if (op instanceof TimerOp.Cancel cancel && cancel.dueAt() != null) {
                timers.cancel(cancel.dueAt(), state.sagaId(), cancel.id().key());
            }
        }
        for (Command command : decision.commands()) {
            forwardCommand(state.sagaId(), command, now);
        }
        forwardHistory(state.sagaId(), decision.events(), now);
        measureSteps(before, decision, now);
        if (endedNow(decision)) {
            emit(new Record<>(state.sagaId(), OutputEncoder.result(state), now.toEpochMilli()), Nodes.RESULTS);
            if (parent != null) {
                emit(new Record<>(parent, OutputEncoder.childOutcome(state, parent), now.toEpochMilli()),
                        Nodes.REPLIES);
            }
            metrics.ended(state.definition(), state.status());
            if (expires(state.status())) {
                timers.set(Bounds.plus(now, config.terminalRetention()), state.sagaId(), Inbound.TimerDue.RETENTION);
            }
            LOG.debug("saga {} ended {}", state.sagaId(), state.status());
        }
        // last: should anything above throw, the saga stays as it was and the input is dead-lettered
        sagas.put(state.sagaId(), bytes);
    }

    /** Records how long each step that got its answer waited, and on which attempt. */
    private void measureSteps(SagaState before, Decision decision, Instant now) {
        if (before == null) {
            return;
        }
        for (SagaEvent event : decision.events()) {
            if (event instanceof SagaEvent.StepTransitioned t && waitsOnCommand(t.transition().from())
                    && !waitsOnCommand(t.transition().to())) {
                before.steps().stream().filter(s -> s.id().equals(t.stepId())).findFirst().ifPresent(s ->
                        metrics.stepAnswered(before.definition(), s.id(),
                                t.transition().from() == StepStatus.RUNNING ? "action" : "compensation",
                                t.transition().to(), java.time.Duration.between(s.updatedAt(), now), t.attempt()));
            }
        }
    }

    private static boolean waitsOnCommand(StepStatus status) {
        return status == StepStatus.RUNNING || status == StepStatus.COMPENSATING;
    }

    /** Sends a record to a sink, unless replaying (then the topics already hold everything it would send). */
    private void emit(Record<String, Object> out, String sink) {
        if (!config.replay()) {
            context.forward(out, sink);
        }
    }

    private static boolean endedNow(Decision decision) {
        return decision.events().stream().anyMatch(e -> e instanceof SagaEvent.SagaTransitioned t
                && t.transition().to().isTerminal());
    }

    private void forwardCommand(String sagaId, Command command, Instant now) {
        long ts = now.toEpochMilli();
        if (command instanceof Command.ToParticipant c) {
            emit(new Record<>(sagaId, OutputEncoder.command(c, now), ts), Nodes.COMMANDS);
        } else if (command instanceof Command.Publish c) {
            emit(new Record<>(c.key(), PublishedRecord.of(c), ts, PublishedRecord.headers(c)), Nodes.PUBLISHED);
        } else if (command instanceof Command.StartChild c) {
            emit(new Record<>(c.childSagaId(), OutputEncoder.childStart(c, now), ts), Nodes.STARTS);
        } else if (command instanceof Command.CancelChild c) {
            emit(new Record<>(c.childSagaId(), OutputEncoder.childCancel(c, now), ts), Nodes.CONTROL);
        } else if (command instanceof Command.StartSaga c) {
            emit(new Record<>(c.startedSagaId(), OutputEncoder.start(c, now), ts), Nodes.STARTS);
        }
    }

    private void forwardHistory(String sagaId, List<SagaEvent> events, Instant now) {
        List<SagaHistoryEvent> records = events.stream().map(e -> OutputEncoder.history(sagaId, e)).toList();
        for (SagaHistoryEvent event : records) {
            emit(new Record<>(sagaId, event, now.toEpochMilli()), Nodes.HISTORY);
        }
        history.append(sagaId, records);
    }

    private Optional<Stored> load(String sagaId) {
        byte[] bytes = sagas.get(sagaId);
        if (bytes == null) {
            return Optional.empty();
        }
        SagaStateRecord record = stateReader.deserialize(stateSubject, bytes);
        return Optional.of(new Stored(StateCodec.fromRecord(record), record.getParent()));
    }

    private void fireDueTimers(long wallClock) {
        Instant now = Instant.ofEpochMilli(wallClock);
        for (TimerIndex.Due due : timers.due(now)) {
            TimerFired fired = TimerFired.newBuilder().setSagaId(due.sagaId()).setTimerKey(due.timerKey())
                    .setDueAt(due.dueAt()).build();
            context.forward(new Record<>(due.sagaId(), (Object) fired, wallClock), Nodes.TIMERS);
            timers.remove(due);
        }
    }

    /** A stored saga and its parent, if it is a child. */
    private record Stored(SagaState state, String parent) {
    }
}
