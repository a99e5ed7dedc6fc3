package dev.skald.orchestrator;

import dev.skald.orchestrator.internal.Topologies;
import java.util.Map;
import org.apache.kafka.streams.Topology;

/** Builds the saga topology: the one function the application and every test call. */
public final class SagaTopology {
    private SagaTopology() {
    }

    /**
     * The topology of an orchestrator.
     *
     * @param config      the orchestrator's settings (topics, limits, timer interval)
     * @param serdeConfig settings of the Avro serdes, at least {@code schema.registry.url}
     */
    public static Topology build(OrchestratorConfig config, Map<String, ?> serdeConfig) {
        return Topologies.sagas(config, serdeConfig);
    }
}
