package dev.skald.orchestrator.app;

import io.micronaut.context.annotation.Requires;
import dev.skald.orchestrator.Orchestrator;
import dev.skald.orchestrator.OrchestratorConfig;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator of this application, started with the application context. With
 * {@code skald.bootstrap-servers=embedded} (the default) it first starts an in-process Kafka broker, so the
 * application runs on a fresh machine with nothing else installed.
 */
@Requires(property = "skald.orchestrator.enabled", notEquals = "false")
@Context
public class OrchestratorRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(OrchestratorRuntime.class);

    private final EmbeddedBroker embedded;
    private final Orchestrator orchestrator;

    public OrchestratorRuntime(SkaldSettings settings, @Value("${micronaut.server.port:8080}") int port) {
        String bootstrap = settings.getBootstrapServers();
        if ("embedded".equals(bootstrap)) {
            embedded = EmbeddedBroker.start();
            bootstrap = embedded.bootstrapServers();
            LOG.info("started an embedded Kafka broker at {}", bootstrap);
        } else {
            embedded = null;
        }
        OrchestratorConfig config = settings.toConfig(bootstrap, port);
        this.orchestrator = Orchestrator.launch(config);
        LOG.info("orchestrator {} starting against {} with {}; the HTTP API answers 503 until it runs",
                config.applicationId(), bootstrap, config);
    }

    public Orchestrator orchestrator() {
        return orchestrator;
    }

    @PreDestroy
    public void close() {
        orchestrator.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
