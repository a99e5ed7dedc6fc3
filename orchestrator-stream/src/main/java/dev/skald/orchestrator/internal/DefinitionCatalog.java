package dev.skald.orchestrator.internal;

import dev.skald.saga.format.SagaDocuments;
import dev.skald.saga.machine.SagaMachine;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The definitions every instance reads from the compacted definitions topic (a global store of native JSON
 * documents by {@code name/version}), with the compiled machine of each version cached: versions never change once
 * applied.
 */
public final class DefinitionCatalog {
    private final ReadOnlyKeyValueStore<String, String> store;
    private final Map<String, SagaMachine> machines = new ConcurrentHashMap<>();

    public DefinitionCatalog(ReadOnlyKeyValueStore<String, String> store) {
        this.store = store;
    }

    /** The store key of a version: the name, a slash, and the version zero-padded so keys sort by version. */
    public static String key(String name, int version) {
        return name + "/" + ZeroPadded.of(version, 10);
    }

    /** The machine of this version, if it was applied. */
    public Optional<SagaMachine> machine(String name, int version) {
        String key = key(name, version);
        SagaMachine cached = machines.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        String document = store.get(key);
        if (document == null) {
            return Optional.empty();
        }
        SagaMachine machine = SagaMachine.of(SagaDocuments.fromJson(document));
        machines.put(key, machine);
        return Optional.of(machine);
    }

    /** The machine of this version, or of the newest version when {@code version} is null. */
    public Optional<SagaMachine> resolve(String name, Integer version) {
        return version != null ? machine(name, version) : latestVersion(name).flatMap(v -> machine(name, v));
    }

    /** The newest applied version of a definition. */
    public Optional<Integer> latestVersion(String name) {
        Integer latest = null;
        try (KeyValueIterator<String, String> all = store.prefixScan(name + "/",
                new org.apache.kafka.common.serialization.StringSerializer())) {
            while (all.hasNext()) {
                KeyValue<String, String> entry = all.next();
                latest = Integer.parseInt(entry.key.substring(name.length() + 1));
            }
        }
        return Optional.ofNullable(latest);
    }
}
