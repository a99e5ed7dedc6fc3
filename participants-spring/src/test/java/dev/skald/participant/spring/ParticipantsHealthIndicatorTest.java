package dev.skald.participant.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.participant.ParticipantHealth;
import dev.skald.participant.ParticipantHealth.Status;
import dev.skald.participant.WorkerHealth;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;

/** The participants' health as an Actuator health: the worst status, and each participant's details. */
class ParticipantsHealthIndicatorTest {

    private static ParticipantHealth health(String name, Status status, WorkerHealth.State worker, String error) {
        return new ParticipantHealth(name, name + "-1", status, List.of(new WorkerHealth(0, worker, Set.of(2, 0),
                error == null ? 0 : 3, 1, error, error == null ? null : Instant.parse("2026-12-01T10:00:00Z"))), 0,
                error);
    }

    @Test
    void upWhenEveryParticipantRuns() {
        Health health = ParticipantsHealthIndicator.health(List.of(
                health("inventory", Status.RUNNING, WorkerHealth.State.RUNNING, null),
                health("payment", Status.RUNNING, WorkerHealth.State.RUNNING, null)));

        assertThat(health.getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.UP);
        assertThat(health.getDetails()).containsOnlyKeys("inventory", "payment");
        assertThat(details(health, "inventory"))
                .containsEntry("status", "RUNNING").containsEntry("instanceId", "inventory-1")
                .containsEntry("workers", List.of(Map.of("worker", 0, "state", "RUNNING", "partitions", List.of(0, 2),
                        "failuresInARow", 0, "restarts", 1)))
                .doesNotContainKey("lastError");
    }

    @Test
    void unknownWhileOneStartsAndDownWhenOneIsDegradedFailedOrStopped() {
        Health starting = ParticipantsHealthIndicator.health(List.of(
                health("inventory", Status.RUNNING, WorkerHealth.State.RUNNING, null),
                health("payment", Status.STARTING, WorkerHealth.State.STARTING, null)));
        Health degraded = ParticipantsHealthIndicator.health(List.of(
                health("inventory", Status.DEGRADED, WorkerHealth.State.RECOVERING, "ProducerFencedException: x"),
                health("payment", Status.STARTING, WorkerHealth.State.STARTING, null)));

        assertThat(starting.getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.UNKNOWN);
        assertThat(degraded.getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.DOWN);
        assertThat(details(degraded, "inventory")).containsEntry("lastError", "ProducerFencedException: x");
        assertThat(ParticipantsHealthIndicator.status(Status.FAILED))
                .isEqualTo(org.springframework.boot.actuate.health.Status.DOWN);
        assertThat(ParticipantsHealthIndicator.status(Status.STOPPED))
                .isEqualTo(org.springframework.boot.actuate.health.Status.DOWN);
    }

    @Test
    void upWithoutParticipants() {
        assertThat(ParticipantsHealthIndicator.health(List.of()).getStatus())
                .isEqualTo(org.springframework.boot.actuate.health.Status.UP);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> details(Health health, String participant) {
        return (Map<String, Object>) health.getDetails().get(participant);
    }
}
