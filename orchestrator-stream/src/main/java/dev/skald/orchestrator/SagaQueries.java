package dev.skald.orchestrator;

import dev.skald.orchestrator.internal.LocalStores;
import dev.skald.orchestrator.internal.SagaViews;
import dev.skald.orchestrator.internal.StuckSagas;
import dev.skald.saga.machine.SagaStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Reads the sagas of one orchestrator instance, as {@link SagaView}s: those of the partitions it is the active owner
 * of. With several instances, a saga may live on another one: {@link #owner(String)} says which; the REST API
 * ({@code GET /sagas/{id}}) asks it for you.
 *
 * <pre>{@code
 * Optional<SagaView> saga = orchestrator.queries().saga(sagaId);
 * List<SagaView> failed = orchestrator.queries().sagas(SagaFilter.all().status(SagaStatus.FAILED), 100);
 * }</pre>
 *
 * <p>Every method throws {@link NotReadyException} while the stores cannot be queried (the instance is starting or
 * rebalancing); try again shortly.
 */
public final class SagaQueries {
    /**
     * The most sagas one {@link #sagas(SagaFilter, int)} reads on one instance: a filter that matches few sagas of a
     * large store answers with what it found among the first ones.
     */
    public static final int SCAN_LIMIT = LocalStores.SCAN_LIMIT;

    private final LocalStores stores;

    SagaQueries(LocalStores stores) {
        this.stores = stores;
    }

    /** The saga, if a partition this instance is active for holds it. */
    public Optional<SagaView> saga(String sagaId) {
        Objects.requireNonNull(sagaId, "sagaId can't be null");
        return query("saga " + sagaId, () -> stores.saga(sagaId).map(SagaViews::view));
    }

    /**
     * The sagas this instance is active for that pass the filter, at most {@code limit}, among the first
     * {@link #SCAN_LIMIT} it reads; in store order (by saga id within a partition).
     */
    public List<SagaView> sagas(SagaFilter filter, int limit) {
        Objects.requireNonNull(filter, "filter can't be null");
        if (limit < 0) {
            throw new IllegalArgumentException("limit can't be negative, was " + limit);
        }
        return query("sagas", () -> stores.sagas(r -> filter.matches(r.getDefinition(),
                SagaStatus.valueOf(r.getStatus())), limit).stream().map(SagaViews::view).toList());
    }

    /**
     * The kept history of a saga (its latest events, oldest first), if a partition this instance is active for holds
     * the saga; an empty list when it holds the saga but no history (history is off).
     */
    public Optional<List<HistoryEntry>> history(String sagaId) {
        Objects.requireNonNull(sagaId, "sagaId can't be null");
        return query("the history of saga " + sagaId, () -> {
            String stored = stores.history(sagaId);
            return stored == null && stores.saga(sagaId).isEmpty() ? Optional.empty()
                    : Optional.of(SagaViews.history(stored));
        });
    }

    /**
     * The saga as the given partition's store holds it on this instance: as its active owner, or as a standby when
     * {@code stale} is allowed (a standby may lag behind). For routing a read to the instance that holds it.
     */
    public Optional<SagaView> saga(String sagaId, int partition, boolean stale) {
        Objects.requireNonNull(sagaId, "sagaId can't be null");
        return query("saga " + sagaId, () -> stores.saga(sagaId, partition, stale).map(SagaViews::view));
    }

    /** The kept history of a saga, from the given partition's store on this instance (see {@link #saga(String, int, boolean)}). */
    public Optional<List<HistoryEntry>> history(String sagaId, int partition, boolean stale) {
        Objects.requireNonNull(sagaId, "sagaId can't be null");
        return query("the history of saga " + sagaId, () -> {
            String stored = stores.history(sagaId, partition, stale);
            return stored == null && stores.saga(sagaId, partition, stale).isEmpty() ? Optional.empty()
                    : Optional.of(SagaViews.history(stored));
        });
    }

    /** Where the saga lives (partition, owner, standbys); empty while no instance owns its partition. */
    public Optional<SagaLocation> locate(String sagaId) {
        Objects.requireNonNull(sagaId, "sagaId can't be null");
        return query("the owner of saga " + sagaId, () -> {
            KeyQueryMetadata owner = stores.owner(sagaId);
            return available(owner) ? Optional.of(new SagaLocation(owner.partition(), owner.activeHost(),
                    owner.standbyHosts())) : Optional.empty();
        });
    }

    /**
     * Sagas this instance is active for that have waited on a command since before {@code threshold} with no timer
     * of that step due soon (a lost command or reply; see {@code StuckSagas}), at most {@code limit}, among the first
     * {@link #SCAN_LIMIT} read.
     */
    public List<StuckSaga> stuck(java.time.Instant threshold, int limit) {
        Objects.requireNonNull(threshold, "threshold can't be null");
        java.time.Instant now = java.time.Instant.now();
        return query("stuck sagas", () -> stores.sagas(r -> StuckSagas.check(r, threshold, now).isPresent(), limit)
                .stream().map(r -> StuckSagas.view(r, StuckSagas.check(r, threshold, now).orElseThrow())).toList());
    }

    /**
     * The instance that owns the saga's partition (its {@code application.server}); empty while no instance does
     * (during a rebalance). The saga need not exist: this is where it lives if it does.
     */
    public Optional<HostInfo> owner(String sagaId) {
        Objects.requireNonNull(sagaId, "sagaId can't be null");
        return query("the owner of saga " + sagaId, () -> {
            KeyQueryMetadata owner = stores.owner(sagaId);
            return available(owner) ? Optional.of(owner.activeHost()) : Optional.empty();
        });
    }

    private static boolean available(KeyQueryMetadata owner) {
        return owner != null && !KeyQueryMetadata.NOT_AVAILABLE.equals(owner);
    }

    private static <T> T query(String what, Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw new NotReadyException("cannot read " + what + " here right now: " + e.getMessage(), e);
        }
    }
}
