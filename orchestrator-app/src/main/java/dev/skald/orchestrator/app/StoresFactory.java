package dev.skald.orchestrator.app;

import dev.skald.orchestrator.Orchestrator;
import dev.skald.orchestrator.internal.LocalStores;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * This instance's stores as stored, for the REST layer: routing reads a given partition and standbys, stuck sagas
 * need the timers, definitions are served as applied. Users read through {@link Orchestrator#queries()}.
 */
@Requires(property = "skald.orchestrator.enabled", notEquals = "false")
@Factory
class StoresFactory {
    @Singleton
    LocalStores localStores(OrchestratorRuntime runtime) {
        Orchestrator orchestrator = runtime.orchestrator();
        return new LocalStores(orchestrator.streams(), orchestrator.config());
    }
}
