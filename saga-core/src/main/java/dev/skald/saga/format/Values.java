package dev.skald.saga.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The {@link ValueReader}s that definitions are made of. */
final class Values {
    /** A string. */
    static final ValueReader<String> TEXT = expect("a string", JsonNode::isTextual, JsonNode::textValue);
    /** true or false. */
    static final ValueReader<Boolean> BOOLEAN = expect("true or false", JsonNode::isBoolean, JsonNode::booleanValue);
    /** Any number. */
    static final ValueReader<Double> NUMBER = expect("a number", JsonNode::isNumber, JsonNode::doubleValue);
    /** A whole number that fits a long. */
    static final ValueReader<Long> LONG = expect("a whole number", n -> n.isIntegralNumber() && n.canConvertToLong(),
            JsonNode::longValue);
    /** A whole number that fits an int. */
    static final ValueReader<Integer> INT = expect("a whole number", n -> n.isIntegralNumber() && n.canConvertToInt(),
            JsonNode::intValue);
    /** A whole number, not negative, that fits an int. */
    static final ValueReader<Integer> COUNT = INT.then(Values::nonNegative);
    /** A whole number of seconds, not negative. */
    static final ValueReader<Duration> SECONDS = LONG.then(Values::nonNegativeSeconds);
    /** A JSON object. */
    static final ValueReader<JsonNode> OBJECT = expect("an object", JsonNode::isObject, JsonNode::deepCopy);
    /** An array. */
    static final ValueReader<JsonNode> ARRAY = expect("an array", JsonNode::isArray, JsonNode::deepCopy);
    /** An input or output mapping: any JSON value but null (leave the field out instead). */
    static final ValueReader<JsonNode> MAPPING = expect("a JSON value other than null (leave the field out instead)",
            n -> !n.isNull(), JsonNode::deepCopy);
    /** A list of strings. */
    static final ValueReader<List<String>> TEXT_LIST = Values::textList;
    /** A native duration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601. */
    static final ValueReader<Duration> DURATION = Values::duration;

    private Values() {
    }

    /** One of an enum's constants, named in any case ({@code exponential}, {@code EXPONENTIAL}). */
    static <E extends Enum<E>> ValueReader<E> oneOf(Class<E> type) {
        return TEXT.then((text, problem) -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(text)) {
                    return constant;
                }
            }
            problem.accept("'" + text + "' is not one of " + names(type));
            return null;
        });
    }

    /** The lower-case names of an enum's constants, for messages and documents. */
    static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Values::lowerCase).collect(Collectors.joining(", "));
    }

    /** An enum constant as it is written in documents. */
    static String lowerCase(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** Whether a value is the empty or default value of its type: null, "", 0, false, {} or []. */
    static boolean isEmpty(JsonNode node) {
        return node.isNull() || node.isMissingNode() || node.isContainerNode() && node.isEmpty()
                || node.isTextual() && node.textValue().isEmpty() || node.isNumber() && node.doubleValue() == 0.0
                || node.isBoolean() && !node.booleanValue();
    }

    /** How a value looks, for messages: {@code a number (42)}, {@code an object}. */
    static String describe(JsonNode node) {
        if (node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        String kind = node.isTextual() ? "a string" : node.isBoolean() ? "a boolean" : "a number";
        String text = node.toString();
        return kind + " (" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + ")";
    }

    private static <T> ValueReader<T> expect(String expected, Predicate<JsonNode> test, Function<JsonNode, T> value) {
        return (node, problem) -> {
            if (test.test(node)) {
                return value.apply(node);
            }
            problem.accept("must be " + expected + ", was " + describe(node));
            return null;
        };
    }

    private static List<String> textList(JsonNode node, Consumer<String> problem) {
        if (!node.isArray()) {
            problem.accept("must be an array of strings, was " + describe(node));
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                problem.accept("must be an array of strings; element " + i + " is " + describe(node.get(i)));
                return null;
            }
            out.add(node.get(i).textValue());
        }
        return out;
    }

    private static Duration duration(JsonNode node, Consumer<String> problem) {
        if (node.isTextual()) {
            return parseDuration(node.textValue(), problem);
        }
        problem.accept("must be a duration with a unit such as '30s', '5m' or 'PT30S', was " + describe(node)
                + (node.isNumber() ? ": a bare number has no unit" : ""));
        return null;
    }

    private static Duration parseDuration(String text, Consumer<String> problem) {
        return Durations.read(text).orElseGet(() -> {
            problem.accept(Durations.notADuration(text));
            return null;
        });
    }

    private static Duration nonNegativeSeconds(Long seconds, Consumer<String> problem) {
        return nonNegative(seconds, problem) == null ? null : Duration.ofSeconds(seconds);
    }

    private static <N extends Number> N nonNegative(N number, Consumer<String> problem) {
        if (number.longValue() < 0) {
            problem.accept("must not be negative, was " + number);
            return null;
        }
        return number;
    }
}
