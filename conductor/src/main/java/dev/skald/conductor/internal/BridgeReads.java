package dev.skald.conductor.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries over the bridge's stores in this process: tasks by id, the pollable tasks of a type, queue
 * sizes. Reads see the bridge's decisions as soon as it has made them. With several instances each one sees its own
 * partitions only (see docs/conductor.md (Workers that poll)).
 */
final class BridgeReads {
    private final KafkaStreams streams;

    BridgeReads(KafkaStreams streams) {
        this.streams = streams;
    }

    /** A task by id. */
    Optional<BridgeTask> task(String taskId) {
        return read(() -> Optional.ofNullable(tasks().get(taskId)));
    }

    /** The task of this saga and step that is not terminal yet, if any. */
    Optional<BridgeTask> pending(String sagaId, String stepId) {
        return read(() -> findPending(sagaId, stepId));
    }

    private Optional<BridgeTask> findPending(String sagaId, String stepId) {
        String prefix = sagaId + ":" + stepId + ":";
        try (KeyValueIterator<String, BridgeTask> it = tasks().range(prefix, prefix + Character.MAX_VALUE)) {
            while (it.hasNext()) {
                BridgeTask task = it.next().value;
                if (task.sagaId().equals(sagaId) && task.origin().stepId().equals(stepId)
                        && !task.status().terminal()) {
                    return Optional.of(task);
                }
            }
        }
        return Optional.empty();
    }

    /** The ids of up to {@code limit} tasks of this type that a poll at {@code now} may lease, oldest first. */
    List<String> pollable(String taskType, Instant now, int limit) {
        return read(() -> findPollable(taskType, now, limit));
    }

    private List<String> findPollable(String taskType, Instant now, int limit) {
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<String, String> it = queue().range(IndexKeys.queuePrefix(taskType),
                IndexKeys.queueEnd(taskType, now))) {
            while (it.hasNext() && ids.size() < limit) {
                KeyValue<String, String> entry = it.next();
                if (IndexKeys.inQueue(entry.key, taskType)) {
                    ids.add(entry.value);
                }
            }
        }
        return ids;
    }

    /** How many tasks of this type wait to be polled, now or after their callback time. */
    int queueSize(String taskType) {
        return read(() -> countQueued(taskType));
    }

    private int countQueued(String taskType) {
        int size = 0;
        try (KeyValueIterator<String, String> it = queue().range(IndexKeys.queuePrefix(taskType),
                IndexKeys.queueLast(taskType))) {
            while (it.hasNext()) {
                if (IndexKeys.inQueue(it.next().key, taskType)) {
                    size++;
                }
            }
        }
        return size;
    }

    private ReadOnlyKeyValueStore<String, BridgeTask> tasks() {
        return store(BridgeTopics.TASKS_STORE);
    }

    private ReadOnlyKeyValueStore<String, String> queue() {
        return store(BridgeTopics.QUEUE_STORE);
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }

    /** A read of the stores; while they move (start-up, rebalance) it fails with BridgeUnavailableException. */
    private <T> T read(Supplier<T> query) {
        try {
            return query.get();
        } catch (InvalidStateStoreException e) {
            throw new BridgeUnavailableException("the Conductor task store is not ready (" + streams.state() + "): "
                    + e.getMessage(), e);
        }
    }
}
