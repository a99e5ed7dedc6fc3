package dev.skald.orchestrator.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Durable timers by due time, in a store co-partitioned with the sagas that set them. Keys sort by due time
 * ({@code <due millis, 16 digits>|<saga id>|<timer key>}), so the due ones are a range scan away.
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

    static String key(Instant due, String sagaId, String timerKey) {
        return ZeroPadded.of(Math.max(0L, due.toEpochMilli()), 16) + "|" + sagaId + "|" + timerKey;
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
        String to = ZeroPadded.of(now.toEpochMilli(), 16) + "|\uffff";
        try (KeyValueIterator<String, String> it = store.range("0", to)) {
            while (it.hasNext() && due.size() < BATCH) {
                KeyValue<String, String> entry = it.next();
                String sagaId = entry.value;
                String rest = entry.key.substring(17);
                String timerKey = rest.substring(sagaId.length() + 1);
                due.add(new Due(sagaId, timerKey, Instant.ofEpochMilli(Long.parseLong(entry.key.substring(0, 16))),
                        entry.key));
            }
        }
        return due;
    }

    void remove(Due due) {
        store.delete(due.storeKey());
    }
}
