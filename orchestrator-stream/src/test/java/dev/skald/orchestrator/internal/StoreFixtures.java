package dev.skald.orchestrator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.avro.HistoryType;
import dev.skald.avro.SagaHistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** In-memory stores and history events for the unit tests of the stores' key layouts. */
final class StoreFixtures {
    private StoreFixtures() {
    }

    /** A fresh in-memory store of strings (sorted by key bytes, as RocksDB is). */
    static KeyValueStore<String, String> store(String name) {
        KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), Serdes.String()).withLoggingDisabled().build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    /** A history event of the saga whose detail is {@code detail}. */
    static SagaHistoryEvent event(String sagaId, String detail) {
        return SagaHistoryEvent.newBuilder().setSagaId(sagaId).setAt(Instant.parse("2026-11-26T10:00:00Z"))
                .setType(HistoryType.INPUT_IGNORED).setStepId(null).setAttempt(0).setFrom(null).setTo(null)
                .setTrigger(null).setDetail(detail).build();
    }

    /** The details of a history JSON array, in order. */
    static List<String> details(String array) {
        List<String> out = new ArrayList<>();
        for (JsonNode event : JsonText.parse(array, "history")) {
            out.add(event.get("detail").asText());
        }
        return out;
    }
}
