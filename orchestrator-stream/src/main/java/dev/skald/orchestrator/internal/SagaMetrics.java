package dev.skald.orchestrator.internal;

import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepStatus;
import dev.skald.schemas.DeadLetterKind;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Saga metrics per definition, fed by the saga processor: sagas started and ended (by status), step latency and
 * attempts, dead letters (by kind). Exposed by {@code GET /metrics} as {@code skald_sagas_started_total},
 * {@code skald_sagas_ended_total}, {@code skald_step_duration_seconds}, {@code skald_step_attempts} and
 * {@code skald_dead_letters_total}.
 *
 * <p>Counters are not transactional: an input processed again after a crash (its transaction aborted) counts twice.
 */
public final class SagaMetrics {
    private final MeterRegistry registry;

    public SagaMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void started(String definition) {
        registry.counter("skald.sagas.started", "definition", definition).increment();
    }

    void ended(String definition, SagaStatus status) {
        registry.counter("skald.sagas.ended", "definition", definition, "status", status.name()).increment();
    }

    /** A step (or its compensation, {@code kind} tells) stopped waiting on a command after {@code took}. */
    void stepAnswered(String definition, String step, String kind, StepStatus outcome, Duration took, int attempt) {
        Timer.builder("skald.step.duration").description("from a step's command to the reply that settled it")
                .tags("definition", definition, "step", step, "kind", kind, "outcome", outcome.name())
                .register(registry).record(took.isNegative() ? Duration.ZERO : took);
        DistributionSummary.builder("skald.step.attempts").description("the attempt a step's reply answered")
                .tags("definition", definition, "step", step, "kind", kind)
                .register(registry).record(attempt);
    }

    void deadLetter(DeadLetterKind kind) {
        registry.counter("skald.dead.letters", "kind", kind.name()).increment();
    }
}
