package dev.skald.orchestrator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.machine.SagaInput;

/** A decoded input record of the saga processor. */
sealed interface Inbound {

    /** The saga the record concerns. */
    String sagaId();

    /**
     * A start request.
     *
     * @param sagaId     the new saga
     * @param definition the definition name
     * @param version    the version, or null for the newest
     * @param input      the saga input
     * @param correlationKey the correlation key, or null
     * @param parent     the parent saga for a child started by a sub-saga step, or null
     */
    record Start(String sagaId, String definition, Integer version, JsonNode input, String correlationKey,
                 String parent) implements Inbound {
        SagaInput.Start toInput() {
            return new SagaInput.Start(sagaId, input, correlationKey);
        }
    }

    /**
     * Any other input of an existing saga.
     *
     * @param sagaId the saga
     * @param input  the input
     */
    record Apply(String sagaId, SagaInput input) implements Inbound {
    }

    /**
     * A timer that came due: either one of the saga's own (applied to the machine) or the retention timer of an
     * ended saga (which deletes it).
     *
     * @param sagaId   the saga
     * @param timerKey the timer's key
     * @param dueAt    when it was due
     */
    record TimerDue(String sagaId, String timerKey, java.time.Instant dueAt) implements Inbound {
        /** The key of the timer that deletes an ended saga once its retention has passed. */
        static final String RETENTION = "skald:retention";
        /** The key of the timer that forgets a deleted saga's id once the idempotency window has passed. */
        static final String FORGET = "skald:forget";

        boolean retention() {
            return RETENTION.equals(timerKey);
        }

        boolean forget() {
            return FORGET.equals(timerKey);
        }

        /** The machine's input for one of the saga's own timers; throws if the key is not one. */
        SagaInput.TimerFired toInput() {
            return new SagaInput.TimerFired(dev.skald.saga.machine.TimerId.parse(timerKey));
        }
    }
}
