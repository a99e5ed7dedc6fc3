package dev.skald.orchestrator.app;

import io.micronaut.context.annotation.Requires;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.orchestrator.Orchestrator;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.streams.KafkaStreams;

/** {@code GET /health} (reflects the Kafka Streams state) and {@code GET /metrics} (Prometheus text). */
@Requires(property = "skald.orchestrator.enabled", notEquals = "false")
@Controller
public class OpsController {
    private final Orchestrator orchestrator;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final KafkaStreamsMetrics streamsMetrics;

    public OpsController(OrchestratorRuntime runtime) {
        this.orchestrator = runtime.orchestrator();
        this.streamsMetrics = new KafkaStreamsMetrics(orchestrator.streams());
        streamsMetrics.bindTo(registry);
        orchestrator.meters().add(registry);
    }

    @Get("/health")
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<ObjectNode> health() {
        KafkaStreams.State state = orchestrator.streams().state();
        boolean up = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("status", up ? "UP" : "DOWN")
                .put("streams", state.name());
        return HttpResponse.<ObjectNode>status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    @Get("/metrics")
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    public String metrics() {
        return registry.scrape();
    }

    /** Stops the binder's refresh thread and the registry with the application. */
    @PreDestroy
    public void close() {
        orchestrator.meters().remove(registry);
        streamsMetrics.close();
        registry.close();
    }
}
