package dev.skald.orchestrator.internal;

import dev.skald.avro.SagaStateRecord;
import dev.skald.orchestrator.OrchestratorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads this instance's stores through interactive queries. A store that is not queryable right now (the instance
 * is starting or rebalancing) throws {@link org.apache.kafka.streams.errors.InvalidStateStoreException}; callers
 * answer 503 or ask another instance.
 */
public final class LocalStores {
    private final KafkaStreams streams;
    private final Deserializer<SagaStateRecord> stateReader;
    private final String stateSubject;

    /** The stores of this Kafka Streams instance, running the saga topology with these settings. */
    public LocalStores(KafkaStreams streams, OrchestratorConfig config) {
        this.streams = streams;
        this.stateReader = Serdes.create(config.serdeConfig()).state().deserializer();
        this.stateSubject = Nodes.stateSubject(config.applicationId());
    }

    /** Where a saga lives: its active host and standbys. */
    public KeyQueryMetadata owner(String sagaId) {
        return streams.queryMetadataForKey(Nodes.SAGA_STORE, sagaId, new StringSerializer());
    }

    /** The saga, if this instance holds it (as active, or as a standby when {@code stale} is allowed). */
    public Optional<SagaStateRecord> saga(String sagaId, int partition, boolean stale) {
        byte[] bytes = store(Nodes.SAGA_STORE, partition, stale, byte[].class).get(sagaId);
        return Optional.ofNullable(bytes).map(b -> stateReader.deserialize(stateSubject, b));
    }

    /** The saga, if any partition this instance is active for holds it. */
    public Optional<SagaStateRecord> saga(String sagaId) {
        byte[] bytes = streams.store(StoreQueryParameters.fromNameAndType(Nodes.SAGA_STORE,
                QueryableStoreTypes.<String, byte[]>keyValueStore())).get(sagaId);
        return Optional.ofNullable(bytes).map(b -> stateReader.deserialize(stateSubject, b));
    }

    /** The kept history of a saga, as stored JSON, or null. */
    public String history(String sagaId, int partition, boolean stale) {
        return HistoryLog.read(store(Nodes.HISTORY_STORE, partition, stale, String.class), sagaId);
    }

    /** The kept history of a saga, as stored JSON, or null, if any partition this instance is active for holds it. */
    public String history(String sagaId) {
        return HistoryLog.read(streams.store(StoreQueryParameters.fromNameAndType(Nodes.HISTORY_STORE,
                QueryableStoreTypes.<String, String>keyValueStore())), sagaId);
    }

    /**
     * The most sagas one list or stuck query reads on one instance: a filter that matches few sagas of a large store
     * answers with what it found among the first ones rather than decoding the whole store on every request.
     */
    public static final int SCAN_LIMIT = 100_000;

    /**
     * Sagas of every partition this instance is active for that match, at most {@code limit}, among the first
     * {@link #SCAN_LIMIT} sagas read.
     */
    public List<SagaStateRecord> sagas(Predicate<SagaStateRecord> filter, int limit) {
        List<SagaStateRecord> out = new ArrayList<>();
        ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters.fromNameAndType(
                Nodes.SAGA_STORE, QueryableStoreTypes.keyValueStore()));
        int scanned = 0;
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext() && out.size() < limit && scanned++ < SCAN_LIMIT) {
                KeyValue<String, byte[]> entry = all.next();
                SagaStateRecord record = stateReader.deserialize(stateSubject, entry.value);
                if (filter.test(record)) {
                    out.add(record);
                }
            }
        }
        return out;
    }

    /** Timers held by the partitions this instance is active for (an estimate from the store); 0 when not queryable. */
    public long pendingTimers() {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(Nodes.TIMER_STORE,
                    QueryableStoreTypes.<String, String>keyValueStore())).approximateNumEntries();
        } catch (IllegalStateException | org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            return 0;
        }
    }

    /** The global store of definitions. */
    public ReadOnlyKeyValueStore<String, String> definitions() {
        return streams.store(StoreQueryParameters.fromNameAndType(Nodes.DEFINITION_STORE,
                QueryableStoreTypes.keyValueStore()));
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name, int partition, boolean stale, Class<V> type) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> params = StoreQueryParameters.fromNameAndType(name,
                QueryableStoreTypes.<String, V>keyValueStore()).withPartition(partition);
        return streams.store(stale ? params.enableStaleStores() : params);
    }
}
