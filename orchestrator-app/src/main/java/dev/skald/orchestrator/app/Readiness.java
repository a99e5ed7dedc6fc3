package dev.skald.orchestrator.app;

import dev.skald.orchestrator.Orchestrator;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The instance's health: its topology's ({@link StreamsHealth}, with the restore's progress while it starts), and every
 * {@link ReadinessContributor}'s. The application never waits for it: from its first second it serves the probes and
 * answers other requests with 503 until it is ready.
 */
@Requires(property = "skald.orchestrator.enabled", notEquals = "false")
@Singleton
public class Readiness {
    private static final Duration LOOK_AGAIN = Duration.ofMillis(50);

    private final Orchestrator orchestrator;
    private final List<ReadinessContributor> contributors;

    public Readiness(OrchestratorRuntime runtime, List<ReadinessContributor> contributors) {
        this.orchestrator = runtime.orchestrator();
        this.contributors = List.copyOf(contributors);
    }

    /** The health now. */
    public StreamsHealth health() {
        StreamsHealth health = StreamsHealth.of(orchestrator.streams().state(), orchestrator.failures(),
                Instant.now()).detailed(orchestrator.startupProgress());
        for (ReadinessContributor contributor : contributors) {
            health = health.notReadyIf(contributor.notReadyReason());
        }
        return health;
    }

    /**
     * Waits until the instance is ready, for embedders and tests.
     *
     * @throws IllegalStateException when it is not ready within {@code timeout}, saying why
     */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        StreamsHealth health = health();
        while (!health.ready()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("not ready within " + timeout + ": " + health.reason());
            }
            pause();
            health = health();
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(LOOK_AGAIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the instance to be ready", e);
        }
    }
}
