package dev.skald.participant;

import dev.skald.participant.internal.HealthDetails;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a participant is doing, for health checks and dashboards: {@link Participant#health()}. A snapshot; take a new
 * one to see changes.
 *
 * @param participant         the participant's name
 * @param instanceId          this instance's id
 * @param status              the summary: {@link Status#RUNNING} when every worker is
 * @param workers             each worker, by number
 * @param overrunningHandlers handler calls abandoned at their deadline ({@code handler.timeout}) whose thread still
 *                            runs because the handler ignores interrupts
 * @param lastError           why it failed if {@link Status#FAILED}, else the last error of a worker; null if none
 */
public record ParticipantHealth(String participant, String instanceId, Status status, List<WorkerHealth> workers,
                                int overrunningHandlers, String lastError) {

    /** A participant's health in one word. */
    public enum Status {
        /** Running, and a worker has not joined the consumer group yet. */
        STARTING,
        /** Every worker consumes and answers commands. */
        RUNNING,
        /** Running, and a worker is recovering from a failure (a broker that cannot be reached, a fenced producer). */
        DEGRADED,
        /** Stopped by a failure no retry cures ({@link Participant#failure()}). */
        FAILED,
        /** Closed, or closing. */
        STOPPED
    }

    public ParticipantHealth {
        Objects.requireNonNull(participant, "participant can't be null");
        Objects.requireNonNull(instanceId, "instanceId can't be null");
        Objects.requireNonNull(status, "status can't be null");
        workers = List.copyOf(Objects.requireNonNull(workers, "workers can't be null"));
    }

    /** Whether it answers commands as it should: {@link Status#RUNNING}. */
    public boolean isUp() {
        return status == Status.RUNNING;
    }

    /**
     * This snapshot as the plain map a health endpoint shows (Micronaut's, Spring Boot Actuator's): {@code status},
     * {@code instanceId}, {@code workers} (each {@code worker}, {@code state}, {@code partitions} in order,
     * {@code failuresInARow}, {@code restarts}, and {@code lastError} and {@code lastErrorAt} when set),
     * {@code overrunningHandlers}, and {@code lastError} when set.
     */
    public Map<String, Object> details() {
        return HealthDetails.of(this);
    }
}
