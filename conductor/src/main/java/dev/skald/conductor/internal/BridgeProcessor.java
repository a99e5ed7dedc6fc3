package dev.skald.conductor.internal;

import dev.skald.avro.SagaCommand;
import dev.skald.avro.SagaReply;
import dev.skald.saga.definition.Bounds;
import dev.skald.schemas.CommandKinds;
import dev.skald.schemas.DeadLetter;
import dev.skald.schemas.DeadLetterKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link Ledger}'s decisions: keeps the tasks and their two indexes, sends a reply when a task ends,
 * expires tasks on a wall-clock punctuator, and dead-letters an update of a task it does not know (what cannot be
 * decoded is dead-lettered by the exception handlers before it gets here). Every input of one task is processed by one stream task (they are all keyed
 * by saga id, co-partitioned), and each decision commits with its reply in one transaction.
 */
final class BridgeProcessor implements Processor<String, BridgeInput, String, BridgeOutput> {
    /** Deadlines handled per punctuation, at most, to keep each transaction small. */
    static final int EXPIRY_BATCH = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(BridgeProcessor.class);

    private final TaskDefinitions definitions;
    private final Changes changes;
    private final Duration tick;
    private final Duration retention;
    private ProcessorContext<String, BridgeOutput> context;
    private KeyValueStore<String, BridgeTask> tasks;
    private KeyValueStore<String, String> queue;
    private KeyValueStore<String, String> deadlines;

    /**
     * @param tick      how often deadlines are looked for
     * @param retention how long a finished task stays readable before it is deleted; zero keeps it for ever
     */
    BridgeProcessor(TaskDefinitions definitions, Changes changes, Duration tick, Duration retention) {
        this.definitions = Objects.requireNonNull(definitions, "definitions can't be null");
        this.changes = Objects.requireNonNull(changes, "changes can't be null");
        this.tick = Objects.requireNonNull(tick, "tick can't be null");
        this.retention = Objects.requireNonNull(retention, "retention can't be null");
    }

    @Override
    public void init(ProcessorContext<String, BridgeOutput> processorContext) {
        context = processorContext;
        tasks = context.getStateStore(BridgeTopics.TASKS_STORE);
        queue = context.getStateStore(BridgeTopics.QUEUE_STORE);
        deadlines = context.getStateStore(BridgeTopics.DEADLINES_STORE);
        rebuildIndexes();
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, millis -> expire(Instant.ofEpochMilli(millis)));
    }

    /**
     * The indexes have no changelog: Kafka Streams calls {@code init} once the tasks store is restored, and the
     * indexes are derived from it here, after dropping whatever a previous run of this stream task left in them.
     */
    private void rebuildIndexes() {
        clear(queue);
        clear(deadlines);
        int indexed = 0;
        try (KeyValueIterator<String, BridgeTask> all = tasks.all()) {
            while (all.hasNext()) {
                index(all.next().value);
                indexed++;
            }
        }
        LOG.debug("indexed {} tasks of the Conductor bridge", indexed);
    }

    private static void clear(KeyValueStore<String, String> store) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, String> all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(store::delete);
    }

    @Override
    public void process(Record<String, BridgeInput> record) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        BridgeInput input = record.value();
        if (input instanceof BridgeInput.Command command) {
            schedule(command.command(), now);
        } else if (input instanceof BridgeInput.Lease lease) {
            lease(lease.request(), now);
        } else if (input instanceof BridgeInput.Update update) {
            update(record, update.update(), now);
        } else {
            throw new IllegalArgumentException("a record with no value");
        }
    }

    private void schedule(SagaCommand command, Instant now) {
        BridgeTask known = tasks.get(command.getCommandId());
        if (known != null) {
            // a re-sent command: a finished task answers again (the orchestrator drops the duplicate)
            Ledger.reply(known).ifPresent(reply -> send(known, reply, now));
            return;
        }
        TaskOrigin origin = new TaskOrigin(command.getCommandId(), command.getSagaId(), command.getStepId(),
                command.getAttempt(), CommandKinds.fromWire(command.getKind()).orElseThrow(
                        () -> new IllegalArgumentException("unknown command kind " + command.getKind())),
                command.getCommandType(), command.getPayload(), now);
        write(null, Ledger.schedule(origin, definitions.settingsOrDefaults(command.getCommandType())));
    }

    private void lease(LeaseRequest request, Instant now) {
        BridgeTask task = tasks.get(request.taskId());
        if (task == null) {
            LOG.warn("lease request {} names an unknown task {}; ignored", request.pollId(), request.taskId());
            return;
        }
        Ledger.lease(task, request, now).ifPresent(leased -> write(task, leased));
    }

    private void update(Record<String, BridgeInput> record, WorkerUpdate update, Instant now) {
        BridgeTask task = tasks.get(update.taskId());
        if (task == null) {
            deadLetter(record, JsonSerde.of(WorkerUpdate.class).write(update), "no task " + update.taskId()
                    + " to update", now);
            return;
        }
        Optional<Ledger.Change> change = Ledger.update(task, update, now);
        if (change.isEmpty()) {
            LOG.info("update {} of task {} ignored: the task is already {}", update.updateId(), task.taskId(),
                    task.status());
        }
        change.ifPresent(c -> apply(task, c, now));
    }

    private void expire(Instant now) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = deadlines.range("0", IndexKeys.deadlineEnd(now))) {
            while (it.hasNext() && due.size() < EXPIRY_BATCH) {
                due.add(it.next());
            }
        }
        for (KeyValue<String, String> entry : due) {
            deadlines.delete(entry.key);
            BridgeTask task = tasks.get(entry.value);
            if (task != null && task.status().terminal()) {
                purgeIfDue(task, now);
            } else if (task != null) {
                Ledger.expire(task, now).ifPresentOrElse(change -> apply(task, change, now), () -> index(task));
            }
        }
    }

    /** A finished task is deleted once its retention has passed (skald.terminal-retention). */
    private void purgeIfDue(BridgeTask task, Instant now) {
        if (dueAt(task).filter(at -> !at.isAfter(now)).isPresent()) {
            tasks.delete(task.taskId());
        } else {
            index(task);
        }
    }

    /** When the punctuator must look at a task: its next deadline, or the end of its retention once finished. */
    private Optional<Instant> dueAt(BridgeTask task) {
        if (!task.status().terminal()) {
            return task.nextDeadline();
        }
        return retention.isZero() || task.endedAt() == null ? Optional.empty()
                : Optional.of(Bounds.plus(task.endedAt(), retention));
    }

    private void apply(BridgeTask before, Ledger.Change change, Instant now) {
        write(before, change.task());
        change.reply().ifPresent(reply -> send(change.task(), reply, now));
    }

    /** Stores a task's new state, moves its index entries, and wakes the polls of its type. */
    private void write(BridgeTask before, BridgeTask after) {
        tasks.put(after.taskId(), after);
        if (before != null) {
            before.pollableAt().ifPresent(at -> queue.delete(IndexKeys.queue(before.taskType(), at, before.taskId())));
            dueAt(before).ifPresent(at -> deadlines.delete(IndexKeys.deadline(at, before.taskId())));
        }
        index(after);
        changes.signal(after.taskType());
    }

    private void index(BridgeTask task) {
        task.pollableAt().ifPresent(at -> queue.put(IndexKeys.queue(task.taskType(), at, task.taskId()),
                task.taskId()));
        dueAt(task).ifPresent(at -> deadlines.put(IndexKeys.deadline(at, task.taskId()), task.taskId()));
    }

    private void send(BridgeTask task, Ledger.Reply reply, Instant now) {
        TaskOrigin origin = task.origin();
        SagaReply sagaReply = SagaReply.newBuilder().setCommandId(origin.taskId()).setSagaId(origin.sagaId())
                .setStepId(origin.stepId()).setAttempt(origin.attempt()).setKind(CommandKinds.toWire(origin.kind()))
                .setOutcome(reply.outcome()).setOutput(reply.output()).setError(reply.error()).setRepliedAt(now)
                .build();
        context.forward(new Record<>(origin.sagaId(), new BridgeOutput.Reply(sagaReply), now.toEpochMilli()));
    }

    private void deadLetter(Record<String, BridgeInput> record, byte[] value, String reason, Instant now) {
        LOG.warn("dead-lettering an input of the Conductor bridge: {}", reason);
        DeadLetter.Builder builder = DeadLetter.of(DeadLetterKind.REJECTED, reason)
                .record(record.key(), value, record.headers().toArray());
        context.recordMetadata().ifPresent(source -> builder.origin(source.topic(), source.partition(),
                source.offset()));
        DeadLetter letter = builder.build();
        context.forward(new Record<String, BridgeOutput>(letter.key(), new BridgeOutput.Dead(letter.value()),
                now.toEpochMilli(), letter.headers()));
    }
}
