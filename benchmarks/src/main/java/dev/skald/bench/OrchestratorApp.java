package dev.skald.bench;

import dev.skald.orchestrator.Orchestrator;
import dev.skald.orchestrator.app.OrchestratorRuntime;
import dev.skald.orchestrator.app.Readiness;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The orchestrator application (REST API included) as users run it, started in this JVM.
 *
 * @param server its Micronaut server
 */
record OrchestratorApp(EmbeddedServer server) implements AutoCloseable {
    static final String REGISTRY = "mock://skald-bench";

    /** Starts an instance without the Conductor poll bridge and returns once its topology is RUNNING. */
    static OrchestratorApp start(String bootstrap, String applicationId, String topicPrefix, Path stateDir,
                                 Duration commitInterval, Map<String, String> kafka) throws IOException {
        return start(bootstrap, applicationId, topicPrefix, stateDir, commitInterval, kafka, false);
    }

    /**
     * Starts an instance and returns once its topology (and, with {@code pollBridge}, the Conductor poll bridge) is
     * RUNNING. The Conductor API's module is on the benchmark's classpath; its poll bridge, a second Kafka Streams
     * application that reads every command topic, runs only where the steps are answered by polling workers.
     *
     * @param commitInterval null for the product default
     * @param kafka          Kafka client settings ({@code skald.kafka.*})
     * @param pollBridge     whether to run the Conductor poll bridge ({@code skald.conductor.poll-bridge.enabled})
     */
    static OrchestratorApp start(String bootstrap, String applicationId, String topicPrefix, Path stateDir,
                                 Duration commitInterval, Map<String, String> kafka, boolean pollBridge)
            throws IOException {
        Map<String, Object> props = new HashMap<>(Map.of(
                "skald.bootstrap-servers", bootstrap,
                "skald.schema-registry-url", REGISTRY,
                "skald.application-id", applicationId,
                "skald.topic-prefix", topicPrefix,
                "skald.state-dir", stateDir.toString(),
                "skald.conductor.poll-bridge.enabled", pollBridge,
                "micronaut.server.port", freePort()));
        kafka.forEach((key, value) -> props.put("skald.kafka." + key, value));
        if (commitInterval != null) {
            props.put("skald.commit-interval", commitInterval.toMillis() + "ms");
        }
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
        server.getApplicationContext().getBean(Readiness.class).awaitReady(Duration.ofMinutes(3));
        return new OrchestratorApp(server);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    Orchestrator orchestrator() {
        return server.getApplicationContext().getBean(OrchestratorRuntime.class).orchestrator();
    }

    /** The REST API's base URL. */
    String url() {
        return "http://localhost:" + server.getPort();
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
