package dev.skald.orchestrator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * An orchestrator in its own JVM, for crash tests: configured by system properties, prints {@link #READY} once it
 * runs, and runs until killed.
 */
public final class OrchestratorProcessMain {
    static final String READY = "ORCHESTRATOR READY";

    private OrchestratorProcessMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        OrchestratorConfig config = OrchestratorConfig.builder(System.getProperty("skald.bootstrap-servers"))
                .applicationId(System.getProperty("skald.application-id"))
                .schemaRegistryUrl(System.getProperty("skald.schema-registry-url"))
                .partitions(Integer.getInteger("skald.partitions", 3))
                .stateDir(Path.of(System.getProperty("skald.state-dir")))
                .commitInterval(Duration.ofMillis(100))
                .build();
        Orchestrator orchestrator = Orchestrator.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(orchestrator::close));
        System.out.println(READY);
        new CountDownLatch(1).await();
    }
}
