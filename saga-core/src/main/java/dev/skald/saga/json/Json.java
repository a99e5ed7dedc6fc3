package dev.skald.saga.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Skald's one JSON policy, for every path a payload takes: REST bodies, saga state, commands, replies, outputs and
 * history. Decimals are exact: a number with a fraction or an exponent is read as a {@link java.math.BigDecimal}
 * (never a double), keeps its trailing zeros ({@code 49.90} stays {@code 49.90}) and is written in plain notation
 * ({@code 12345678901234567.89}, never {@code 1.2345678901234568E16}).
 *
 * <pre>{@code
 * JsonNode tree = Json.mapper().readTree("{\"amount\": 49.90}");   // a DecimalNode of 49.90
 * ObjectMapper mine = Json.configure(JsonMapper.builder()).addModule(new JavaTimeModule()).build();
 * }</pre>
 */
public final class Json {
    private static final ObjectMapper MAPPER = configure(JsonMapper.builder()).build();

    private Json() {
    }

    /**
     * Applies the policy to a mapper builder (JSON or another format's): exact decimals read and written as they
     * are. Mappers of their own (a participant's, with its modules) start from this.
     */
    public static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
        return builder.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    }

    /** A JSON tree of a map, list, string, number, boolean, null, record or JSON tree (copied). */
    public static JsonNode tree(Object value) {
        return value instanceof JsonNode node ? node.deepCopy() : MAPPER.valueToTree(value);
    }

    /** The shared mapper of the policy (thread-safe; do not reconfigure it). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
