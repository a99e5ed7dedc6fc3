package dev.skald.saga.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson mapper of saga-core and the orchestrator, for JSON text and trees. Decimals are exact: a number
 * with a fraction or an exponent is read as a {@link java.math.BigDecimal} (never a double), keeps its trailing
 * zeros ({@code 49.90} stays {@code 49.90}), and is written in plain notation.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private Json() {
    }

    /** A JSON tree of a map, list, string, number, boolean, null or JSON tree. */
    public static JsonNode tree(Object value) {
        return value instanceof JsonNode node ? node.deepCopy() : MAPPER.valueToTree(value);
    }

    /** The shared mapper (thread-safe once configured; do not reconfigure it). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
