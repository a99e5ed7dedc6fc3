package dev.skald.orchestrator.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Durable timers by due time, in a store co-partitioned with the sagas that set them. Keys sort by due time
 * ({@code <due millis, 16 digits>|<saga id>|<timer key>}, each value escaped by {@link StoreKeys} so neither holds a
 * {@code |}), so the due ones are a range scan away. Due times are clamped to the range 16 digits can hold.
 */
final class TimerIndex {
    /** Due timers taken per scan, at most, to keep each transaction small. */
    static final int BATCH = 10_000;

    /** A timer that came due. */
    record Due(String sagaId, String timerKey, Instant dueAt, String storeKey) {
    }

    private final KeyValueStore<String, String> store;

    TimerIndex(KeyValueStore<String, String> store) {
        this.store = store;
    }

    /** The latest due time a key can hold (16 digits of millis); later ones are kept as this. */
    private static final long LATEST_MILLIS = 9_999_999_999_999_999L;

    static String key(Instant due, String sagaId, String timerKey) {
        return millis(due) + "|" + StoreKeys.escape(sagaId) + "|" + StoreKeys.escape(timerKey);
    }

    private static String millis(Instant due) {
        Instant clamped = dev.skald.saga.definition.Bounds.clamp(due);
        return ZeroPadded.of(Math.min(LATEST_MILLIS, clamped.toEpochMilli()), 16);
    }

    void set(Instant due, String sagaId, String timerKey) {
        store.put(key(due, sagaId, timerKey), sagaId);
    }

    void cancel(Instant due, String sagaId, String timerKey) {
        store.delete(key(due, sagaId, timerKey));
    }

    /** Timers due at or before {@code now}, oldest first, at most {@link #BATCH}. */
    List<Due> due(Instant now) {
        List<Due> due = new ArrayList<>();
        // every key of a later due time sorts after the bare next millisecond, whatever the saga id's bytes
        String to = millis(dev.skald.saga.definition.Bounds.plus(now, java.time.Duration.ofMillis(1)));
        try (KeyValueIterator<String, String> it = store.range("0", to)) {
            while (it.hasNext() && due.size() < BATCH) {
                KeyValue<String, String> entry = it.next();
                int second = entry.key.indexOf('|', 17);
                String timerKey = StoreKeys.unescape(entry.key.substring(second + 1));
                due.add(new Due(entry.value, timerKey, Instant.ofEpochMilli(Long.parseLong(entry.key.substring(0, 16))),
                        entry.key));
            }
        }
        return due;
    }

    void remove(Due due) {
        store.delete(due.storeKey());
    }
}
