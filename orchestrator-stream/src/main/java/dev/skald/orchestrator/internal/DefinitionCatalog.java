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

    /**
     * The store key of a version: the name (escaped by {@link StoreKeys}, so it holds no slash), a slash, and the
     * version zero-padded so keys sort by version.
     */
    public static String key(String name, int version) {
        return StoreKeys.escape(name) + "/" + ZeroPadded.of(version, 10);
    }

    /**
     * The global store's value for a version: when it was applied (epoch millis), a newline, and the native JSON
     * document. Values written before the applied time was kept are the bare document (applied at 0).
     */
    public static String value(long appliedAtMillis, String document) {
        return appliedAtMillis + "\n" + document;
    }

    /** The native JSON document in a stored value, or null for null. */
    public static String document(String value) {
        if (value == null) {
            return null;
        }
        int newline = value.indexOf('\n');
        return value.startsWith("{") || newline < 0 ? value : value.substring(newline + 1);
    }

    /** When the version in a stored value was applied (epoch millis); 0 when not recorded. */
    static long appliedAt(String value) {
        int newline = value.indexOf('\n');
        return value.startsWith("{") || newline < 0 ? 0 : Long.parseLong(value.substring(0, newline));
    }

    /** Every definition name in a store with its applied versions, oldest first; names in order. */
    public static java.util.SortedMap<String, java.util.List<Integer>> versions(
            ReadOnlyKeyValueStore<String, String> store) {
        java.util.SortedMap<String, java.util.List<Integer>> versions = new java.util.TreeMap<>();
        try (KeyValueIterator<String, String> all = store.all()) {
            while (all.hasNext()) {
                String key = all.next().key;
                int slash = key.lastIndexOf('/');
                versions.computeIfAbsent(StoreKeys.unescape(key.substring(0, slash)), n -> new java.util.ArrayList<>())
                        .add(Integer.parseInt(key.substring(slash + 1)));
            }
        }
        return versions;
    }

    /** The native JSON document of this version, if it was applied. */
    public Optional<String> document(String name, int version) {
        return Optional.ofNullable(document(store.get(key(name, version))));
    }

    /** The machine of this version, if it was applied. */
    public Optional<SagaMachine> machine(String name, int version) {
        String key = key(name, version);
        SagaMachine cached = machines.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        String document = document(store.get(key));
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
        return latestVersion(name, Long.MAX_VALUE);
    }

    /**
     * The machine of this version as of {@code asOf}: only versions applied at or before that time count. A replay
     * resolves starts this way, so that it sees the definitions the live instance saw when it processed them.
     */
    public Optional<SagaMachine> resolve(String name, Integer version, java.time.Instant asOf) {
        long millis = asOf.toEpochMilli();
        if (version != null) {
            String value = store.get(key(name, version));
            return value == null || appliedAt(value) > millis ? Optional.empty() : machine(name, version);
        }
        return latestVersion(name, millis).flatMap(v -> machine(name, v));
    }

    private Optional<Integer> latestVersion(String name, long appliedAtOrBefore) {
        Integer latest = null;
        String prefix = StoreKeys.escape(name) + "/";
        try (KeyValueIterator<String, String> all = store.prefixScan(prefix,
                new org.apache.kafka.common.serialization.StringSerializer())) {
            while (all.hasNext()) {
                KeyValue<String, String> entry = all.next();
                if (appliedAt(entry.value) <= appliedAtOrBefore) {
                    latest = Integer.parseInt(entry.key.substring(prefix.length()));
                }
            }
        }
        return Optional.ofNullable(latest);
    }
}
