package dev.skald.participant.micronaut;

import dev.skald.participant.Participant;
import dev.skald.participant.ParticipantHealth;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * The participants' health in the application's health endpoint, as {@value #NAME}: {@code UP} when every
 * participant is {@link ParticipantHealth.Status#RUNNING}, {@code UNKNOWN} while one is starting, {@code DOWN} when
 * one is degraded (a worker recovering from a failure), failed or stopped. The details hold each participant's
 * {@link Participant#health()}: its status, its workers (state, partitions, failures in a row, restarts, last error)
 * and its last error. Present when {@code micronaut-management} is on the classpath; off when
 * {@value #ENABLED} is {@code false}.
 */
@Singleton
@Requires(classes = HealthIndicator.class)
@Requires(beans = ParticipantRegistrar.class)
@Requires(property = ParticipantsHealthIndicator.ENABLED, notEquals = "false")
public final class ParticipantsHealthIndicator implements HealthIndicator {

    /** The name of this indicator's result. */
    public static final String NAME = "skald-participants";
    /** {@code false} leaves the participants out of the health endpoint. */
    public static final String ENABLED = ParticipantRegistrar.PREFIX + ".health.enabled";

    private final ParticipantRegistrar registrar;

    ParticipantsHealthIndicator(ParticipantRegistrar registrar) {
        this.registrar = registrar;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(result(registrar.participants().stream().map(Participant::health).toList()));
    }

    /** The result for these participants' health: the worst status, and each participant's details by name. */
    static HealthResult result(List<ParticipantHealth> participants) {
        HealthStatus status = HealthStatus.UP;
        Map<String, Object> details = new LinkedHashMap<>();
        for (ParticipantHealth health : participants) {
            status = worse(status, status(health.status()));
            details.put(health.participant(), health.details());
        }
        return HealthResult.builder(NAME, status).details(details).build();
    }

    static HealthStatus status(ParticipantHealth.Status status) {
        switch (status) {
            case RUNNING:
                return HealthStatus.UP;
            case STARTING:
                return HealthStatus.UNKNOWN;
            default:
                return HealthStatus.DOWN;
        }
    }

    private static HealthStatus worse(HealthStatus a, HealthStatus b) {
        List<HealthStatus> best = List.of(HealthStatus.UP, HealthStatus.UNKNOWN, HealthStatus.DOWN);
        return best.indexOf(b) > best.indexOf(a) ? b : a;
    }
}
