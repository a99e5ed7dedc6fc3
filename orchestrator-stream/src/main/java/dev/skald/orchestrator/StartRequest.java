package dev.skald.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skald.saga.definition.Identifiers;
import dev.skald.saga.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * A request to start a saga. Built at the call site from {@link #of(String, Object)} and the methods that set the rest:
 *
 * <pre>{@code
 * orchestrator.startSaga(StartRequest.of("order", Map.of("sku", "A-1")).idempotencyKey("cart-77"));
 * }</pre>
 *
 * <p>Every identifier follows its rule in {@link Identifiers}; a request that breaks one is refused with an
 * {@link IllegalArgumentException} naming the field.
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
        check(Identifiers.DEFINITION_NAME, definition, "definition");
        check(Identifiers.SAGA_ID, sagaId, "sagaId");
        check(Identifiers.KEY, idempotencyKey, "idempotencyKey");
        check(Identifiers.KEY, correlationKey, "correlationKey");
        if (version != null && version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
        if (sagaId != null && idempotencyKey != null) {
            throw new IllegalArgumentException("give either sagaId or idempotencyKey, not both: the saga id of an "
                    + "idempotent start is derived from its key");
        }
    }

    private static void check(Identifiers rule, String value, String field) {
        if (value != null) {
            rule.problem(value).ifPresent(p -> {
                throw new IllegalArgumentException(field + ": " + p);
            });
        }
    }

    /** A start of the newest version of {@code definition} with an empty input and a random saga id. */
    public static StartRequest of(String definition) {
        return new StartRequest(definition, null, JsonNodeFactory.instance.objectNode(), null, null, null);
    }

    /**
     * A start of the newest version of {@code definition} with this input (a JSON tree, or a map or record turned
     * into one) and a random saga id.
     */
    public static StartRequest of(String definition, Object input) {
        return new StartRequest(definition, null, Json.tree(Objects.requireNonNull(input, "input can't be null")),
                null, null, null);
    }

    /** This request for version {@code newVersion} of the definition. */
    public StartRequest version(int newVersion) {
        return new StartRequest(definition, newVersion, input, sagaId, idempotencyKey, correlationKey);
    }

    /** This request with the saga id {@code id}. */
    public StartRequest sagaId(String id) {
        return new StartRequest(definition, version, input, id, idempotencyKey, correlationKey);
    }

    /** This request made idempotent by {@code key}: repeated, it starts one saga. */
    public StartRequest idempotencyKey(String key) {
        return new StartRequest(definition, version, input, sagaId, key, correlationKey);
    }

    /** This request with the business key {@code key}. */
    public StartRequest correlationKey(String key) {
        return new StartRequest(definition, version, input, sagaId, idempotencyKey, key);
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
