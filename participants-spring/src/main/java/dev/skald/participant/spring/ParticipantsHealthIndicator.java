package dev.skald.participant.spring;

import dev.skald.participant.Participant;
import dev.skald.participant.ParticipantHealth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The participants' health in Actuator's health endpoint, as {@code skaldParticipants}: {@code UP} when every
 * participant is {@link ParticipantHealth.Status#RUNNING}, {@code UNKNOWN} while one is starting, {@code DOWN} when
 * one is degraded (a worker recovering from a failure), failed or stopped. The details hold each participant's
 * {@link ParticipantHealth#details()}. Present when Actuator is on the classpath; off when
 * {@code skald.participants.health.enabled} is {@code false}.
 */
public final class ParticipantsHealthIndicator implements HealthIndicator {
    private static final List<Status> BEST_FIRST = List.of(Status.UP, Status.UNKNOWN, Status.DOWN);

    private final SkaldParticipants participants;

    ParticipantsHealthIndicator(SkaldParticipants participants) {
        this.participants = Objects.requireNonNull(participants, "participants can't be null");
    }

    @Override
    public Health health() {
        return health(participants.participants().stream().map(Participant::health).toList());
    }

    /** The health of these participants: the worst status, and each participant's details by name. */
    static Health health(List<ParticipantHealth> participants) {
        Status status = Status.UP;
        Map<String, Object> details = new LinkedHashMap<>();
        for (ParticipantHealth health : participants) {
            Status own = status(health.status());
            status = BEST_FIRST.indexOf(own) > BEST_FIRST.indexOf(status) ? own : status;
            details.put(health.participant(), health.details());
        }
        return Health.status(status).withDetails(details).build();
    }

    static Status status(ParticipantHealth.Status status) {
        return switch (status) {
            case RUNNING -> Status.UP;
            case STARTING -> Status.UNKNOWN;
            case DEGRADED, FAILED, STOPPED -> Status.DOWN;
        };
    }
}
