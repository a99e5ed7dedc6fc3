package dev.skald.participant.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.participant.ParticipantHealth;
import dev.skald.participant.ParticipantHealth.Status;
import dev.skald.participant.WorkerHealth;
import io.micronaut.context.ApplicationContext;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** The participants' health as a Micronaut health result: the worst status, and each participant's details. */
class ParticipantsHealthIndicatorTest {

    private static ParticipantHealth health(String name, Status status, WorkerHealth.State worker, String error) {
        return new ParticipantHealth(name, name + "-1", status, List.of(new WorkerHealth(0, worker, Set.of(2, 0),
                error == null ? 0 : 3, 1, error, error == null ? null : Instant.parse("2026-12-01T10:00:00Z"))), 0,
                error);
    }

    @Test
    void upWhenEveryParticipantRuns() {
        HealthResult result = ParticipantsHealthIndicator.result(List.of(
                health("inventory", Status.RUNNING, WorkerHealth.State.RUNNING, null),
                health("payment", Status.RUNNING, WorkerHealth.State.RUNNING, null)));

        assertThat(result.getName()).isEqualTo("skald-participants");
        assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(details(result)).containsOnlyKeys("inventory", "payment");
        assertThat(details(result, "inventory"))
                .containsEntry("status", "RUNNING").containsEntry("instanceId", "inventory-1")
                .containsEntry("workers", List.of(Map.of("worker", 0, "state", "RUNNING", "partitions", List.of(0, 2),
                        "failuresInARow", 0, "restarts", 1)))
                .doesNotContainKey("lastError");
    }

    @Test
    void unknownWhileOneStartsAndDownWhenOneIsDegradedFailedOrStopped() {
        HealthResult starting = ParticipantsHealthIndicator.result(List.of(
                health("inventory", Status.RUNNING, WorkerHealth.State.RUNNING, null),
                health("payment", Status.STARTING, WorkerHealth.State.STARTING, null)));
        HealthResult degraded = ParticipantsHealthIndicator.result(List.of(
                health("inventory", Status.DEGRADED, WorkerHealth.State.RECOVERING, "ProducerFencedException: x"),
                health("payment", Status.STARTING, WorkerHealth.State.STARTING, null)));

        assertThat(starting.getStatus()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(degraded.getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(details(degraded, "inventory"))
                .containsEntry("lastError", "ProducerFencedException: x");
        assertThat(ParticipantsHealthIndicator.status(Status.FAILED)).isEqualTo(HealthStatus.DOWN);
        assertThat(ParticipantsHealthIndicator.status(Status.STOPPED)).isEqualTo(HealthStatus.DOWN);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> details(HealthResult result) {
        return (Map<String, Object>) result.getDetails();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> details(HealthResult result, String participant) {
        return (Map<String, Object>) details(result).get(participant);
    }

    /** The indicator's result, which it publishes at once. */
    static HealthResult result(ParticipantsHealthIndicator indicator) {
        AtomicReference<HealthResult> result = new AtomicReference<>();
        indicator.getResult().subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(HealthResult item) {
                result.set(item);
            }

            @Override
            public void onError(Throwable error) {
                throw new AssertionError("the health indicator failed", error);
            }

            @Override
            public void onComplete() {
                assertThat(result.get()).as("a result before completion").isNotNull();
            }
        });
        return result.get();
    }

    @Test
    void isABeanUnlessTurnedOff() {
        try (ApplicationContext context = TestContexts.run(Map.of("spec.name", "healthIndicator"))) {
            ParticipantsHealthIndicator indicator = context.getBean(ParticipantsHealthIndicator.class);
            assertThat(result(indicator).getStatus()).isEqualTo(HealthStatus.UP);
        }
        try (ApplicationContext context = TestContexts.run(Map.of("spec.name", "healthIndicator",
                ParticipantsHealthIndicator.ENABLED, false))) {
            assertThat(context.containsBean(ParticipantsHealthIndicator.class)).isFalse();
        }
    }
}
