package dev.skald.orchestrator.app;

import io.micronaut.context.annotation.Requires;
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

/**
 * {@code GET /health} and {@code GET /health/ready} (they reflect the Kafka Streams state, see {@link StreamsHealth})
 * and {@code GET /metrics} (Prometheus text).
 */
@Requires(property = "skald.orchestrator.enabled", notEquals = "false")
@Controller
public class OpsController {
    private final Orchestrator orchestrator;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final KafkaStreamsMetrics streamsMetrics;
    private final Readiness readiness;

    public OpsController(OrchestratorRuntime runtime, Readiness readiness) {
        this.orchestrator = runtime.orchestrator();
        this.readiness = readiness;
        this.streamsMetrics = new KafkaStreamsMetrics(orchestrator.streams());
        streamsMetrics.bindTo(registry);
        orchestrator.meters().add(registry);
    }

    /** Liveness: 200 while the topology runs or rebalances, 503 when it failed or stopped. */
    @Get("/health")
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<ObjectNode> health() {
        StreamsHealth health = currentHealth();
        return respond(health, health.live());
    }

    /**
     * Readiness: 200 only while the topology runs (not while it restores or rebalances) and every
     * {@link ReadinessContributor} is ready, 503 otherwise.
     */
    @Get("/health/ready")
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<ObjectNode> ready() {
        StreamsHealth health = currentHealth();
        return respond(health, health.ready());
    }

    private StreamsHealth currentHealth() {
        return readiness.health();
    }

    private static HttpResponse<ObjectNode> respond(StreamsHealth health, boolean ok) {
        return HttpResponse.<ObjectNode>status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(health.body());
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
