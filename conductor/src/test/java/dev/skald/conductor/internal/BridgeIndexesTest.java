package dev.skald.conductor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.saga.machine.CommandKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge's queue and deadline indexes have no changelog: a processor that starts on restored tasks derives them
 * from the tasks, whatever the indexes held before.
 */
class BridgeIndexesTest {
    private static final Instant T0 = Instant.parse("2026-12-04T09:00:00Z");
    private static final TaskSettings CHARGE = new TaskSettings("charge", 0, "FIXED", 0, 0, 10, 0);

    private final MockProcessorContext<String, BridgeOutput> context = new MockProcessorContext<>();
    private KeyValueStore<String, BridgeTask> tasks;
    private KeyValueStore<String, String> queue;
    private KeyValueStore<String, String> deadlines;

    @BeforeEach
    void stores() {
        tasks = store(BridgeTopics.TASKS_STORE, JsonSerde.of(BridgeTask.class));
        queue = store(BridgeTopics.QUEUE_STORE, Serdes.String());
        deadlines = store(BridgeTopics.DEADLINES_STORE, Serdes.String());
    }

    private <V> KeyValueStore<String, V> store(String name, org.apache.kafka.common.serialization.Serde<V> serde) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), serde).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private static BridgeTask scheduled(String sagaId) {
        return Ledger.schedule(new TaskOrigin(sagaId + ":charge:1:action", sagaId, "charge", 1, CommandKind.ACTION,
                "charge", "{}", T0), CHARGE);
    }

    private void startProcessor() {
        new BridgeProcessor(type -> Optional.of(CHARGE), new Changes(), Duration.ofSeconds(1), Duration.ofHours(1))
                .init(context);
    }

    private static List<String> keys(KeyValueStore<String, String> store) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, String> all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    @Test
    void aScheduledTaskIsQueuedAndALeasedOneHasOnlyItsResponseDeadline() {
        BridgeTask waiting = scheduled("s1");
        BridgeTask leased = Ledger.lease(scheduled("s2"), new LeaseRequest("p1", "s2:charge:1:action", "w",
                T0.plusSeconds(3)), T0).orElseThrow();
        tasks.put(waiting.taskId(), waiting);
        tasks.put(leased.taskId(), leased);

        startProcessor();

        assertThat(keys(queue)).containsExactly(IndexKeys.queue("charge", T0, waiting.taskId()));
        assertThat(keys(deadlines)).containsExactly(IndexKeys.deadline(T0.plusSeconds(10), leased.taskId()));
    }

    @Test
    void entriesLeftFromAnEarlierRunAreDropped() {
        queue.put(IndexKeys.queue("charge", T0, "gone:charge:1:action"), "gone:charge:1:action");
        deadlines.put(IndexKeys.deadline(T0, "gone:charge:1:action"), "gone:charge:1:action");

        startProcessor();

        assertThat(keys(queue)).isEmpty();
        assertThat(keys(deadlines)).isEmpty();
    }
}
