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
}
