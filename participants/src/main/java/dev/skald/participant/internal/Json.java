package dev.skald.participant.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The default JSON mapping of payloads and outputs. */
public final class Json {
    private Json() {
    }

    /**
     * A mapper that ignores payload fields the handler's type does not have (a saga may send more than a handler
     * reads), refuses nulls for primitives, reads decimals as {@code BigDecimal} in trees, and writes
     * {@code java.time} values as ISO-8601 text.
     */
    public static ObjectMapper defaultMapper() {
        return dev.skald.saga.json.Json.configure(JsonMapper.builder())
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }
}
