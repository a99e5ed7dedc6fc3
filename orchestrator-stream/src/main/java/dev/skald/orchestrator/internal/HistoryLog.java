package dev.skald.orchestrator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.avro.SagaHistoryEvent;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The latest history events of each saga, for {@code GET /sagas/{id}/history}. Each event is stored once, as JSON
 * under {@code <sagaId>/<seq>} (seq zero-padded to 10 digits, so a range scan reads them in order), and the saga id
 * itself holds the next seq (the saga id escaped by {@link StoreKeys} in both, so it holds no {@code /} and no saga's
 * keys can be another's): appending writes the new events and drops the ones past the limit, without reading or
 * rewriting the older ones. A saga id holding a JSON array is the earlier layout (one array per saga); it is read as
 * it is and moved to this layout at its next append. The full history stays in the history topic as long as its
 * retention keeps it.
 */
final class HistoryLog {
    private static final int SEQ_DIGITS = 10;

    private final KeyValueStore<String, String> store;
    private final int limit;

    HistoryLog(KeyValueStore<String, String> store, int limit) {
        this.store = store;
        this.limit = limit;
    }

    void append(String sagaId, List<SagaHistoryEvent> events) {
        if (limit == 0 || events.isEmpty()) {
            return;
        }
        String head = store.get(StoreKeys.escape(sagaId));
        long next = head == null ? 0 : isArray(head) ? migrate(sagaId, head) : Long.parseLong(head);
        for (SagaHistoryEvent event : events) {
            put(sagaId, next++, JsonText.write(toJson(event)));
        }
        store.put(StoreKeys.escape(sagaId), Long.toString(next));
    }

    /** The kept history of a saga as a JSON array, oldest first; null if it has none. */
    static String read(ReadOnlyKeyValueStore<String, String> store, String sagaId) {
        String head = store.get(StoreKeys.escape(sagaId));
        if (head == null || isArray(head)) {
            return head;
        }
        StringBuilder array = new StringBuilder("[");
        try (KeyValueIterator<String, String> events = store.range(key(sagaId, 0),
                key(sagaId, (long) Math.pow(10, SEQ_DIGITS) - 1))) {
            while (events.hasNext()) {
                KeyValue<String, String> event = events.next();
                if (event.key.length() == StoreKeys.escape(sagaId).length() + 1 + SEQ_DIGITS) {
                    array.append(array.length() > 1 ? "," : "").append(event.value);
                }
            }
        }
        return array.append(']').toString();
    }

    private void put(String sagaId, long seq, String json) {
        store.put(key(sagaId, seq), json);
        if (seq >= limit) {
            store.delete(key(sagaId, seq - limit));
        }
    }

    /** Rewrites an array of the earlier layout as one entry per event; returns the next seq. */
    private long migrate(String sagaId, String array) {
        long next = 0;
        for (JsonNode event : JsonText.parse(array, "history")) {
            put(sagaId, next++, JsonText.write(event));
        }
        return next;
    }

    private static boolean isArray(String head) {
        return head.startsWith("[");
    }

    static String key(String sagaId, long seq) {
        return StoreKeys.escape(sagaId) + "/" + ZeroPadded.of(seq, SEQ_DIGITS);
    }

    /** Forgets a saga's history: its kept events and its head (the events stay in the history topic). */
    void remove(String sagaId) {
        String head = store.get(StoreKeys.escape(sagaId));
        if (head != null && !isArray(head)) {
            long next = Long.parseLong(head);
            for (long seq = Math.max(0, next - limit); seq < next; seq++) {
                store.delete(key(sagaId, seq));
            }
        }
        store.delete(StoreKeys.escape(sagaId));
    }

    static JsonNode toJson(SagaHistoryEvent e) {
        return SagaViews.entry(e).toJson();
    }
}
