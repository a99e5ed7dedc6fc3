package dev.skald.saga.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;

/**
 * Reads one JSON value of an expected shape.
 *
 * @param <T> what the value becomes
 */
@FunctionalInterface
interface ValueReader<T> {

    /**
     * The value, or null after telling {@code problem} (in a sentence without the place) what is wrong with it.
     * The node is never null or missing.
     */
    T read(JsonNode node, Consumer<String> problem);

    /** This reader followed by a conversion that may itself refuse the value (by returning null after a problem). */
    default <R> ValueReader<R> then(ConversionStep<T, R> next) {
        return (node, problem) -> {
            T value = read(node, problem);
            return value == null ? null : next.convert(value, problem);
        };
    }

    /** The second half of {@link #then}. */
    @FunctionalInterface
    interface ConversionStep<T, R> {
        R convert(T value, Consumer<String> problem);
    }
}
