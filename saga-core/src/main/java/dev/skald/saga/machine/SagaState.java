package dev.skald.saga.machine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything known about one saga: the fold of every input it received. Immutable.
 *
 * @param sagaId            the saga id
 * @param definition        the definition name
 * @param version           the definition version it runs on, to its end
 * @param correlationKey    the correlation key given at start, or null
 * @param status            its status
 * @param input             its input
 * @param output            its output once completed, or null
 * @param error             why it failed or is compensating, or null
 * @param createdAt         when it started
 * @param updatedAt         when it last changed
 * @param round             retry round, 0 at start and one more for each operator retry
 * @param steps             its steps, in definition order
 * @param timers            the timers it is waiting on, by id, with their due times
 * @param inbox             external events that arrived before any step waited for them
 */
public record SagaState(String sagaId, String definition, int version, String correlationKey, SagaStatus status,
                        JsonNode input, JsonNode output, String error, Instant createdAt, Instant updatedAt, int round,
                        List<StepState> steps, SortedMap<TimerId, Instant> timers,
                        List<SagaInput.ExternalEvent> inbox) {

    public SagaState {
        Objects.requireNonNull(sagaId, "sagaId can't be null");
        Objects.requireNonNull(definition, "definition can't be null");
        Objects.requireNonNull(status, "status can't be null");
        steps = List.copyOf(steps);
        timers = Collections.unmodifiableSortedMap(new TreeMap<>(timers));
        inbox = List.copyOf(inbox);
    }

    /** The step with this id, if the saga has one. */
    public Optional<StepState> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
