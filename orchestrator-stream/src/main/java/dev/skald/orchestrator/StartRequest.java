package dev.skald.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * A request to start a saga.
 *
 * @param definition     the definition name
 * @param version        the version, or null for the newest
 * @param input          the saga input (a JSON object)
 * @param sagaId         the saga id, or null to derive one
 * @param idempotencyKey a key that makes repeated requests start one saga, or null; exclusive with {@code sagaId}
 * @param correlationKey a business key, or null
 */
public record StartRequest(String definition, Integer version, JsonNode input, String sagaId,
                           String idempotencyKey, String correlationKey) {
    public StartRequest {
        Objects.requireNonNull(definition, "definition can't be null");
        Objects.requireNonNull(input, "input can't be null");
        if (sagaId != null && idempotencyKey != null) {
            throw new IllegalArgumentException("give either sagaId or idempotencyKey, not both: the saga id of an "
                    + "idempotent start is derived from its key");
        }
    }

    /**
     * The saga id: the given one; or, for an idempotency key, a name-based UUID of definition and key (so a
     * repeated key names the same saga, whose second start changes nothing); or a random UUID.
     */
    public String resolvedSagaId() {
        if (sagaId != null) {
            return sagaId;
        }
        if (idempotencyKey != null) {
            return UUID.nameUUIDFromBytes((definition + "\u0000" + idempotencyKey).getBytes(StandardCharsets.UTF_8))
                    .toString();
        }
        return UUID.randomUUID().toString();
    }
}
