package dev.skald.participant.internal;

import dev.skald.participant.WorkerHealth;
import dev.skald.schemas.DeadLetter;
import dev.skald.schemas.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consume-transform-produce loop: a consumer of the command topic in the participant's group, and its own
 * transactional producer (KIP-447: the offsets go into the transaction with the consumer's group metadata, so a
 * worker that lost its partitions in a rebalance cannot commit for them any more).
 *
 * <p>Each poll is one transaction: every command's reply (to the reply topic and to the reply log) or dead letter,
 * then the consumed offsets, then commit. A batch takes no new command once its {@link #batchTime} has passed (so
 * that a last handler call, bounded by the handler timeout, still ends within the transaction timeout); the rest is
 * read again by the next poll. If anything in the transaction fails, it is aborted, the worker goes back to the
 * committed offsets and re-reads its reply log (a commit whose outcome is unknown may have landed), and handles the
 * batch again. A producer fenced again and again makes the worker replace its consumer too (rejoining the group);
 * only failures no retry cures ({@link #isFatal}) end the worker.
 */
final class Worker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final Duration RESTORE_BUDGET = Duration.ofMillis(200);
    private static final Duration EVICTION_INTERVAL = Duration.ofMinutes(1);
    private static final long MAX_BACKOFF_MS = 5_000;
    private static final int RESTART_AFTER_FENCED_IN_A_ROW = 3;

    /** What a worker needs; one per worker. */
    record Setup(int id, String participant, String instanceId, String transactionalId, String commandTopic,
                 String repliesTopic, String deadLetterTopic, String logTopic, Duration pollTimeout,
                 Duration transactionTimeout, Duration handlerTimeout, Supplier<Producer<byte[], byte[]>> producers,
                 Supplier<Consumer<byte[], byte[]>> consumers, ReplyLog replyLog, ReplyIndex index,
                 CommandProcessor processor, HandlerCalls handlerCalls, Meters meters, Clock clock,
                 java.util.function.Consumer<Throwable> onFatal) {
    }

    private final Setup s;
    private final String name;
    private final WorkerMonitor monitor;
    private final Set<Integer> ready = new ConcurrentSkipListSet<>();
    private final Duration batchTime;
    private Consumer<byte[], byte[]> consumer;
    private Producer<byte[], byte[]> producer;
    private volatile boolean running = true;
    private boolean resync;
    private int fencedInARow;
    private long lastEviction;

    Worker(Setup setup) {
        this.s = setup;
        this.name = setup.participant() + " worker " + setup.transactionalId();
        this.monitor = new WorkerMonitor(setup.id(), setup.clock());
        this.batchTime = batchTime(setup.transactionTimeout(), setup.handlerTimeout());
        this.consumer = setup.consumers().get();
    }

    /**
     * How long a batch takes new commands: half the transaction timeout, and less if a handler call started at the
     * end could otherwise outlive the transaction. The first command of a batch is always taken.
     */
    static Duration batchTime(Duration transactionTimeout, Duration handlerTimeout) {
        Duration half = transactionTimeout.dividedBy(2);
        Duration lastCallFits = transactionTimeout.minus(handlerTimeout);
        return half.compareTo(lastCallFits) <= 0 ? half : lastCallFits;
    }

    /** Creates the producer and fences any earlier producer with this worker's transactional id. */
    void init() {
        producer = s.producers().get();
        producer.initTransactions();
    }

    /** Asks the loop to stop after the batch in flight. */
    void stop() {
        running = false;
    }

    /** Command partitions this worker handles now (assigned and restored). */
    Set<Integer> readyPartitions() {
        return Set.copyOf(ready);
    }

    int indexed() {
        return s.index().size();
    }

    /** Its handler calls abandoned at their deadline that still run. */
    int overrunningHandlers() {
        return s.handlerCalls().overrunning();
    }

    /** How this worker is doing now. */
    WorkerHealth health() {
        return monitor.health(readyPartitions());
    }

    @Override
    public void run() {
        try {
            subscribe();
            while (running) {
                try {
                    step();
                } catch (RuntimeException e) {
                    if (isFatal(e)) {
                        throw e;
                    }
                    monitor.failed(e);
                    LOG.warn("{}: {}; going back to the committed offsets and retrying", name, e.toString(), e);
                    resync = true;
                    backoff();
                }
            }
        } catch (Throwable t) {
            monitor.failed(t);
            LOG.error("{} stopped: {}", name, t.toString(), t);
            s.onFatal().accept(t);
        } finally {
            closeClients();
            monitor.stopped();
        }
    }

    private void subscribe() {
        consumer.subscribe(List.of(s.commandTopic()), new Rebalance());
    }

    /**
     * One turn of the loop: poll, restore what is being restored, handle the batch in one transaction. A batch
     * committed, or a poll of partitions that were all restored, clears the worker's failures.
     */
    private void step() {
        if (resync && !resync()) {
            backoff();
            return;
        }
        boolean restoring = s.replyLog().isRestoring();
        ConsumerRecords<byte[], byte[]> records = consumer.poll(s.pollTimeout());
        resumeRestored();
        if (!records.isEmpty() && !handle(records)) {
            return;
        }
        evictExpired();
        if (!records.isEmpty() || !restoring) {
            monitor.succeeded();
        }
    }

    private void resumeRestored() {
        Set<Integer> restored = s.replyLog().advance(RESTORE_BUDGET);
        if (!restored.isEmpty()) {
            consumer.resume(topicPartitions(restored));
            ready.addAll(restored);
            LOG.info("{} handles partitions {} of {}", name, new TreeSet<>(ready),
                    s.commandTopic());
        }
    }

    /** Handles a batch in one transaction; false if it was rolled back. */
    private boolean handle(ConsumerRecords<byte[], byte[]> records) {
        long started = System.nanoTime();
        long deadline = started + batchTime.toNanos();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<Integer, Map<String, byte[]>> written = new HashMap<>();
        List<Runnable> counts = new ArrayList<>();
        boolean full = false;
        try {
            producer.beginTransaction();
            for (TopicPartition tp : records.partitions()) {
                List<ConsumerRecord<byte[], byte[]>> batch = records.records(tp);
                if (full || s.replyLog().isRestoring(tp.partition())) {
                    consumer.seek(tp, batch.get(0).offset());
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    if (!offsets.isEmpty() && System.nanoTime() > deadline) {
                        full = true;
                        consumer.seek(tp, record.offset());
                        break;
                    }
                    Map<String, byte[]> inBatch = written.computeIfAbsent(tp.partition(), p -> new HashMap<>());
                    Outcome outcome = s.processor().process(record.topic(), record.value(), id -> {
                        byte[] pending = inBatch.get(id);
                        return pending != null ? pending : s.index().get(tp.partition(), id);
                    });
                    send(record, outcome, inBatch, counts);
                    offsets.put(tp, new OffsetAndMetadata(record.offset() + 1));
                }
            }
            if (!offsets.isEmpty()) {
                // Flushing first surfaces a failed send (a fenced producer) at once; sendOffsetsToTransaction could
                // otherwise wait max.block.ms for a coordinator answer that a failed producer never gets.
                producer.flush();
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            }
            producer.commitTransaction();
        } catch (RuntimeException e) {
            rollBack(e, started);
            return false;
        }
        fencedInARow = 0;
        long now = s.clock().millis();
        written.forEach((p, replies) -> replies.forEach((id, reply) -> s.index().put(p, id, reply, now, now)));
        counts.forEach(Runnable::run);
        return true;
    }

    private void send(ConsumerRecord<byte[], byte[]> record, Outcome outcome, Map<String, byte[]> inBatch,
                      List<Runnable> counts) {
        if (outcome instanceof Outcome.Answered answered) {
            byte[] sagaKey = answered.sagaId().getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(s.repliesTopic(), sagaKey, answered.reply()));
            producer.send(new ProducerRecord<>(s.logTopic(), record.partition(),
                    answered.commandId().getBytes(StandardCharsets.UTF_8), answered.reply()));
            inBatch.put(answered.commandId(), answered.reply());
            counts.add(() -> s.meters().answered(answered.commandType(), answered.outcome()));
        } else if (outcome instanceof Outcome.Duplicate duplicate) {
            producer.send(new ProducerRecord<>(s.repliesTopic(), duplicate.sagaId().getBytes(StandardCharsets.UTF_8),
                    duplicate.reply()));
            counts.add(() -> s.meters().duplicate(duplicate.commandType()));
        } else {
            Outcome.DeadLettered dead = (Outcome.DeadLettered) outcome;
            DeadLetter letter = deadLetter(record, dead);
            producer.send(new ProducerRecord<>(s.deadLetterTopic(), null, record.timestamp(),
                    letter.key() == null ? null : letter.key().getBytes(StandardCharsets.UTF_8), letter.value(),
                    letter.headers()));
            counts.add(() -> s.meters().deadLetter(dead.kind()));
        }
    }

    /** The dead letter of a command, cut to fit the broker's limit like every dead letter of Skald's. */
    private DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record, Outcome.DeadLettered dead) {
        DeadLetter.Builder letter = DeadLetter.of(dead.kind(), dead.reason())
                .record(record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                        record.value(), record.headers().toArray())
                .origin(record.topic(), record.partition(), record.offset())
                .header(DeadLetterHeaders.PARTICIPANT, s.participant());
        if (dead.commandId() != null) {
            letter.header(DeadLetterHeaders.COMMAND_ID, dead.commandId());
        }
        return letter.build();
    }

    private void rollBack(RuntimeException cause, long startedNanos) {
        if (isFatal(cause)) {
            throw cause;
        }
        s.meters().aborted();
        monitor.failed(cause);
        long tookMs = (System.nanoTime() - startedNanos) / 1_000_000;
        if (isFenced(cause)) {
            fencedInARow++;
            if (fencedInARow >= RESTART_AFTER_FENCED_IN_A_ROW) {
                LOG.error("{}: the producer of transactional id {} was fenced {} times in a row (is another live"
                        + " instance using instance.id '{}'? it must be unique among live instances); replacing the"
                        + " consumer and the producer, then handling the batch again", name, s.transactionalId(),
                        fencedInARow, s.instanceId());
                restartClients();
            } else if (tookMs > s.transactionTimeout().toMillis()) {
                LOG.warn("{}: the batch took {} ms, more than transaction.timeout ({} ms), so the broker"
                        + " aborted its transaction; handling it again. Keep each handler call well within"
                        + " transaction.timeout.", name, tookMs, s.transactionTimeout().toMillis());
            } else {
                LOG.warn("{}: producer fenced ({}); replacing it and handling the batch again", name,
                        cause.toString());
            }
            closeProducer();
        } else {
            LOG.warn("{}: transaction failed ({}); rolling back to the committed offsets to handle the"
                    + " batch again", name, cause.toString(), cause);
            try {
                producer.abortTransaction();
            } catch (RuntimeException e) {
                if (isFatal(e)) {
                    throw e;
                }
                LOG.warn("{}: abort failed ({}); replacing the producer", name, e.toString());
                closeProducer();
            }
        }
        resync = true;
        backoff();
    }

    /**
     * Goes back to the committed offsets of every assigned partition and re-reads their reply log: after a failed
     * commit, what landed is only known from Kafka.
     */
    private boolean resync() {
        try {
            if (producer == null) {
                init();
            }
            Set<TopicPartition> assigned = consumer.assignment();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned, Duration.ofSeconds(30));
            for (TopicPartition tp : assigned) {
                OffsetAndMetadata offset = committed.get(tp);
                if (offset == null) {
                    consumer.seekToBeginning(List.of(tp));
                } else {
                    consumer.seek(tp, offset);
                }
            }
            consumer.pause(assigned);
            ready.removeAll(partitions(assigned));
            s.replyLog().restore(partitions(assigned));
            resync = false;
            return true;
        } catch (RuntimeException e) {
            if (isFatal(e)) {
                throw e;
            }
            monitor.failed(e);
            closeProducer();
            LOG.warn("{}: cannot go back to the committed offsets yet ({}); retrying", name, e.toString());
            return false;
        }
    }

    /**
     * Failures that retrying cannot cure: another live member has this instance's group.instance.id, or access is
     * denied. A fenced producer alone is not one: the broker also fences the producer of a transaction it aborted
     * for running past transaction.timeout.
     */
    static boolean isFatal(Throwable e) {
        return causedBy(e, FencedInstanceIdException.class) || causedBy(e, AuthorizationException.class)
                || causedBy(e, AuthenticationException.class) || causedBy(e, UnsupportedVersionException.class);
    }

    private static boolean isFenced(Throwable e) {
        return causedBy(e, ProducerFencedException.class) || causedBy(e, InvalidProducerEpochException.class);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private void backoff() {
        long ms = Math.min(MAX_BACKOFF_MS, 100L << Math.min(monitor.failuresInARow(), 6));
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void evictExpired() {
        long now = s.clock().millis();
        if (now - lastEviction >= EVICTION_INTERVAL.toMillis()) {
            lastEviction = now;
            s.index().evictExpired(now);
        }
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debug("closing a failed producer: {}", e.toString());
            }
            producer = null;
        }
    }

    /**
     * Replaces the consumer (leaving the group, then joining it again: its partitions are restored as after any
     * rebalance) and the producer (the next resync creates it, fencing the one before).
     */
    private void restartClients() {
        monitor.restarted();
        fencedInARow = 0;
        closeProducer();
        closeConsumer();
        ready.clear();
        consumer = s.consumers().get();
        subscribe();
    }

    /** Closes the consumer (leaving the group), the producer and the reply-log reader; interrupts a handler call. */
    void closeClients() {
        s.handlerCalls().close();
        closeConsumer();
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                LOG.warn("{}: closing the producer: {}", name, e.toString());
            }
            producer = null;
        }
        try {
            s.replyLog().close();
        } catch (RuntimeException e) {
            LOG.warn("{}: closing the reply-log reader: {}", name, e.toString());
        }
    }

    private void closeConsumer() {
        ready.clear();
        try {
            consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        } catch (RuntimeException e) {
            LOG.warn("{}: closing the consumer: {}", name, e.toString());
        }
    }

    private List<TopicPartition> topicPartitions(Collection<Integer> partitions) {
        return partitions.stream().map(p -> new TopicPartition(s.commandTopic(), p)).toList();
    }

    private List<Integer> partitions(Collection<TopicPartition> tps) {
        return tps.stream().filter(tp -> tp.topic().equals(s.commandTopic())).map(TopicPartition::partition).toList();
    }

    /** Keeps the reply index in step with the assignment: new partitions are paused until their log is read. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                ready.removeAll(partitions(partitions));
                s.replyLog().forget(partitions(partitions));
                LOG.info("{} gave up partitions {}", name, partitions(partitions));
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            monitor.joined();
            if (!partitions.isEmpty()) {
                consumer.pause(partitions);
                s.replyLog().restore(partitions(partitions));
            }
        }
    }
}
