package dev.skald.participant.internal;

import dev.skald.participant.Participant;
import dev.skald.participant.ParticipantHealth;
import dev.skald.participant.ParticipantHealth.Status;
import dev.skald.participant.WorkerHealth;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** A participant's health from its lifecycle state and its workers' health. */
final class HealthReport {
    private HealthReport() {
    }

    static ParticipantHealth of(String participant, String instanceId, Participant.State state, Throwable failure,
                                List<WorkerHealth> workers, int overrunningHandlers) {
        String lastError = failure != null ? failure.toString() : workers.stream()
                .filter(w -> w.lastErrorAt() != null).max(Comparator.comparing(WorkerHealth::lastErrorAt))
                .map(WorkerHealth::lastError).orElse(null);
        return new ParticipantHealth(participant, instanceId, status(state, workers), workers, overrunningHandlers,
                lastError);
    }

    /**
     * FAILED and STOPPED follow the lifecycle; a running participant is DEGRADED if a worker recovers or stopped,
     * else STARTING if a worker has not joined its group yet, else RUNNING.
     */
    static Status status(Participant.State state, List<WorkerHealth> workers) {
        Objects.requireNonNull(state, "state can't be null");
        switch (state) {
            case FAILED:
                return Status.FAILED;
            case STOPPING:
            case STOPPED:
                return Status.STOPPED;
            default:
                break;
        }
        if (workers.stream().anyMatch(w -> w.state() == WorkerHealth.State.RECOVERING
                || w.state() == WorkerHealth.State.STOPPED)) {
            return Status.DEGRADED;
        }
        if (workers.stream().anyMatch(w -> w.state() == WorkerHealth.State.STARTING)) {
            return Status.STARTING;
        }
        return Status.RUNNING;
    }
}
