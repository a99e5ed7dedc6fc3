package dev.skald.orchestrator;

import dev.skald.orchestrator.internal.SagaMetrics;
import dev.skald.orchestrator.internal.Topologies;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
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
        return build(config, serdeConfig, new CompositeMeterRegistry());
    }

    /**
     * The topology of an orchestrator that reports its saga metrics (see docs/operations.md) to {@code meters}.
     *
     * @param config      the orchestrator's settings (topics, limits, timer interval)
     * @param serdeConfig settings of the Avro serdes, at least {@code schema.registry.url}
     * @param meters      where saga, step and dead-letter metrics go
     */
    public static Topology build(OrchestratorConfig config, Map<String, ?> serdeConfig, MeterRegistry meters) {
        return Topologies.sagas(config, serdeConfig, new SagaMetrics(meters));
    }
}
