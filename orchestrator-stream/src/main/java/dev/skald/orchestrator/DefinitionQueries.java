package dev.skald.orchestrator;

import dev.skald.orchestrator.internal.DefinitionCatalog;
import dev.skald.orchestrator.internal.LocalStores;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Reads the saga definitions every instance holds (the global store of the definitions topic), as native JSON
 * documents.
 *
 * <pre>{@code
 * Optional<Integer> latest = orchestrator.definitions().latestVersion("order");
 * }</pre>
 *
 * <p>Every method throws {@link NotReadyException} while the store cannot be queried (the instance is starting).
 */
public final class DefinitionQueries {
    private final LocalStores stores;

    DefinitionQueries(LocalStores stores) {
        this.stores = stores;
    }

    /** Whether this version of the definition (the newest, for a null version) has been applied. */
    public boolean exists(String name, Integer version) {
        Objects.requireNonNull(name, "name can't be null");
        return query(() -> catalog().resolve(name, version).isPresent());
    }

    /** The newest applied version of the definition. */
    public Optional<Integer> latestVersion(String name) {
        Objects.requireNonNull(name, "name can't be null");
        return query(() -> catalog().latestVersion(name));
    }

    /** The native JSON document of this version, if it was applied. */
    public Optional<String> document(String name, int version) {
        Objects.requireNonNull(name, "name can't be null");
        return query(() -> catalog().document(name, version));
    }

    /** Every definition name with its applied versions, oldest first; names in order. */
    public SortedMap<String, List<Integer>> versions() {
        return query(() -> DefinitionCatalog.versions(stores.definitions()));
    }

    private DefinitionCatalog catalog() {
        return new DefinitionCatalog(stores.definitions());
    }

    private static <T> T query(Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw new NotReadyException("definitions are not queryable here right now: " + e.getMessage(), e);
        }
    }
}
