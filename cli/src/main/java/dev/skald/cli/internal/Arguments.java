package dev.skald.cli.internal;

import dev.skald.saga.format.Printable;
import dev.skald.saga.definition.Identifiers;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The rules the CLI's option values follow, each as a picocli converter that refuses a value breaking it with a
 * sentence naming the rule. {@link InvalidArguments} prints that as {@code skald: <option>: <sentence>} and exits
 * with 1, before any request is sent.
 */
public final class Arguments {
    /** The most sagas one request may list (the API's limit). */
    public static final int MAX_LIMIT = 10_000;
    private static final Pattern KAFKA_NAME = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    private Arguments() {
    }

    /** A saga id, by the rule the API and the topics follow ({@link Identifiers#SAGA_ID}). */
    public static String sagaId(String value) {
        return identifier(Identifiers.SAGA_ID, value);
    }

    /** A Kafka topic name (or application id): 1 to 249 letters, digits, {@code .}, {@code _} and {@code -}. */
    public static String kafkaName(String value) {
        if (!KAFKA_NAME.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw refused(Printable.quoted(value) + " is not a valid Kafka name: use 1 to 249 letters, digits, "
                    + "'.', '_' and '-' (not '.' or '..' alone)");
        }
        return value;
    }

    /** An idempotency or correlation key, by the API's rule ({@link Identifiers#KEY}). */
    public static String key(String value) {
        return identifier(Identifiers.KEY, value);
    }

    private static String identifier(Identifiers rule, String value) {
        rule.problem(value).ifPresent(problem -> {
            throw refused(problem);
        });
        return value;
    }

    /** A whole number from {@code min} to {@code max}. */
    static int wholeNumber(String value, int min, int max) {
        String range = max == Integer.MAX_VALUE ? "of at least " + min : "from " + min + " to " + max;
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            throw refused("must be a whole number " + range + ", was " + Printable.quoted(value), e);
        }
        throw refused("must be a whole number " + range + ", was " + Printable.quoted(value));
    }

    private static TypeConversionException refused(String message) {
        return new TypeConversionException(message);
    }

    private static TypeConversionException refused(String message, Exception cause) {
        TypeConversionException refused = new TypeConversionException(message);
        refused.initCause(cause);
        return refused;
    }

    /** Converts {@code --saga-id}, {@code --saga} and saga id parameters: {@link #sagaId}. */
    public static final class SagaId implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return sagaId(value);
        }
    }

    /** Converts {@code --idempotency-key} and {@code --correlation-key}: {@link #key}. */
    public static final class Key implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return key(value);
        }
    }

    /** Converts {@code --allow-topic} and {@code --application-id}: {@link #kafkaName}. */
    public static final class KafkaName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return kafkaName(value);
        }
    }

    /** Converts {@code --limit}: a whole number from 1 to {@value #MAX_LIMIT}. */
    public static final class Limit implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return wholeNumber(value, 1, MAX_LIMIT);
        }
    }

    /** Converts {@code --version}: a whole number of at least 1. */
    public static final class Version implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return wholeNumber(value, 1, Integer.MAX_VALUE);
        }
    }
}
