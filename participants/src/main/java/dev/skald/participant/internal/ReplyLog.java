package dev.skald.participant.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a worker's reply log into its {@link ReplyIndex}: for each command partition the worker is given, partition
 * {@code p} of {@code skald.participant-replies.<participant>} from the beginning, read_committed, until the reader's
 * position reaches the log's high watermark as it was when the restore began. Reaching it means no transaction
 * that wrote below it is still open: every reply a previous owner of the partition committed is in the index, and
 * a reply of a transaction that is still open (a crashed owner's) waits until that transaction aborts. Only then is
 * the command partition handled (its worker keeps it paused until {@link #advance} reports it ready).
 */
final class ReplyLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyLog.class);
    private static final Duration WAIT_LOG_INTERVAL = Duration.ofSeconds(10);

    private final String topic;
    private final Consumer<byte[], byte[]> reader;
    private final Admin admin;
    private final ReplyIndex index;
    private final Clock clock;
    private final Set<Integer> pending = new TreeSet<>();
    private final Map<Integer, Long> targets = new HashMap<>();
    private final Map<Integer, Long> startedAt = new HashMap<>();
    private long lastWaitLog;
    private long lastFetchWarning;

    ReplyLog(String topic, Consumer<byte[], byte[]> reader, Admin admin, ReplyIndex index, Clock clock) {
        this.topic = topic;
        this.reader = reader;
        this.admin = admin;
        this.index = index;
        this.clock = clock;
    }

    /** Forgets these partitions' replies and reads them again from the log; the caller pauses the partitions. */
    void restore(Collection<Integer> partitions) {
        for (int p : partitions) {
            index.drop(p);
            targets.remove(p);
            pending.add(p);
            startedAt.put(p, clock.millis());
        }
        reassign();
    }

    /** Forgets these partitions: they were revoked or lost. */
    void forget(Collection<Integer> partitions) {
        for (int p : partitions) {
            index.drop(p);
            targets.remove(p);
            pending.remove(p);
            startedAt.remove(p);
        }
        reassign();
    }

    /** Whether a partition is still being restored. */
    boolean isRestoring(int partition) {
        return pending.contains(partition) || targets.containsKey(partition);
    }

    /** Whether any partition is being restored. */
    boolean isRestoring() {
        return !pending.isEmpty() || !targets.isEmpty();
    }

    /**
     * Reads the log for up to {@code budget} and returns the partitions whose restore completed. A failure to reach
     * the cluster is logged and retried on the next call.
     */
    Set<Integer> advance(Duration budget) {
        Set<Integer> ready = new HashSet<>();
        if (!pending.isEmpty() && !fetchTargets()) {
            return ready;
        }
        long deadline = System.nanoTime() + budget.toNanos();
        while (!targets.isEmpty()) {
            for (Integer p : new ArrayList<>(targets.keySet())) {
                if (reader.position(new TopicPartition(topic, p)) >= targets.get(p)) {
                    targets.remove(p);
                    long took = clock.millis() - startedAt.remove(p);
                    LOG.debug("reply log {}-{} restored in {} ms", topic, p, took);
                    ready.add(p);
                }
            }
            if (targets.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            long now = clock.millis();
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(20))) {
                String commandId = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                if (commandId == null) {
                    continue;
                }
                if (record.value() == null) {
                    index.remove(record.partition(), commandId);
                } else {
                    index.put(record.partition(), commandId, record.value(), record.timestamp(), now);
                }
            }
        }
        if (!ready.isEmpty()) {
            reassign();
        }
        logWaiting();
        return ready;
    }

    private boolean fetchTargets() {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        pending.forEach(p -> specs.put(new TopicPartition(topic, p), OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends;
        try {
            ends = admin.listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            long now = clock.millis();
            if (now - lastFetchWarning >= WAIT_LOG_INTERVAL.toMillis()) {
                lastFetchWarning = now;
                LOG.warn("cannot read the end offsets of reply log {} partitions {}; retrying: {}", topic, pending,
                        e.getCause() == null ? e.toString() : e.getCause().toString());
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        List<TopicPartition> fresh = new ArrayList<>();
        ends.forEach((tp, info) -> {
            targets.put(tp.partition(), info.offset());
            fresh.add(tp);
        });
        pending.clear();
        reassign();
        reader.seekToBeginning(fresh);
        return true;
    }

    private void reassign() {
        List<TopicPartition> assigned = new ArrayList<>();
        targets.keySet().forEach(p -> assigned.add(new TopicPartition(topic, p)));
        reader.assign(assigned);
    }

    private void logWaiting() {
        long now = clock.millis();
        if (targets.isEmpty() || now - lastWaitLog < WAIT_LOG_INTERVAL.toMillis()) {
            return;
        }
        for (Map.Entry<Integer, Long> t : targets.entrySet()) {
            long waited = now - startedAt.getOrDefault(t.getKey(), now);
            if (waited >= WAIT_LOG_INTERVAL.toMillis()) {
                lastWaitLog = now;
                LOG.info("still restoring reply log {}-{} after {} s: at offset {} of {}; an open transaction of a"
                                + " crashed instance holds it until it aborts (transaction.timeout)", topic, t.getKey(),
                        waited / 1000, reader.position(new TopicPartition(topic, t.getKey())), t.getValue());
            }
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
