package dev.skald.saga.definition;

import dev.skald.saga.format.Printable;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The identifiers users and services hand to Skald, and the rule each must follow. Every entry point (REST, CLI,
 * definitions, input records) checks them with {@link #problem}: an identifier that breaks its rule is refused with a
 * 400, a CLI error, a definition problem or a dead letter, and never reaches a store.
 *
 * <ul>
 *   <li>{@link #SAGA_ID}: 1 to 512 characters of {@code A-Z a-z 0-9 . _ - : / @ + = ~} (child sagas are
 *       {@code parent/step/attempt});</li>
 *   <li>{@link #DEFINITION_NAME}: 1 to 128 of {@code A-Z a-z 0-9 . _ -}, starting with a letter or digit;</li>
 *   <li>{@link #STEP_ID}: 1 to 64 of {@code A-Z a-z 0-9 _ -}, starting with a letter;</li>
 *   <li>{@link #PARTICIPANT}: 1 to 200 of {@code A-Z a-z 0-9 . _ -} (it names the topic {@code skald.commands.<participant>});</li>
 *   <li>{@link #TOPIC}: 1 to 249 of {@code A-Z a-z 0-9 . _ -}, not {@code .} or {@code ..} (Kafka's rule);</li>
 *   <li>{@link #KEY} (idempotency and correlation keys), {@link #TYPE} (command and event types): 1 to 512 and 1 to
 *       200 characters with no control characters.</li>
 * </ul>
 */
public enum Identifiers {
    /** A saga id. */
    SAGA_ID("saga id", Pattern.compile("[A-Za-z0-9._\\-:/@+=~]+"), 512,
            "letters, digits and . _ - : / @ + = ~"),
    /** A definition name. */
    DEFINITION_NAME("definition name", Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*"), 128,
            "letters, digits, '.', '_' and '-', starting with a letter or digit"),
    /** A step id. */
    STEP_ID("step id", Pattern.compile("[A-Za-z][A-Za-z0-9_-]*"), 64,
            "letters, digits, '_' and '-', starting with a letter"),
    /** A participant name; it names a Kafka topic. */
    PARTICIPANT("participant", Pattern.compile("[A-Za-z0-9._-]+"), 200,
            "letters, digits, '.', '_' and '-' (it names a Kafka topic)"),
    /** A Kafka topic a publish step writes to. */
    TOPIC("topic", Pattern.compile("(?!\\.{1,2}$)[A-Za-z0-9._-]+"), 249,
            "letters, digits, '.', '_' and '-', not '.' or '..', as Kafka allows"),
    /** An idempotency key or a correlation key. */
    KEY("key", Pattern.compile("[^\\p{Cntrl}]+"), 512, "any characters but control characters"),
    /** A command type or an event type. */
    TYPE("type", Pattern.compile("[^\\p{Cntrl}]+"), 200, "any characters but control characters");

    private final String noun;
    private final Pattern pattern;
    private final int maxLength;
    private final String charset;

    Identifiers(String noun, Pattern pattern, int maxLength, String charset) {
        this.noun = noun;
        this.pattern = pattern;
        this.maxLength = maxLength;
        this.charset = charset;
    }

    /** The longest identifier of this kind, in characters. */
    public int maxLength() {
        return maxLength;
    }

    /** Whether {@code value} follows this rule. */
    public boolean valid(String value) {
        return problem(value).isEmpty();
    }

    /** What is wrong with {@code value}, in a sentence; empty when it follows this rule. */
    public Optional<String> problem(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("a " + noun + " must not be empty");
        }
        if (value.length() > maxLength) {
            return Optional.of("a " + noun + " has at most " + maxLength + " characters, this one has "
                    + value.length());
        }
        if (!pattern.matcher(value).matches()) {
            return Optional.of(Printable.quoted(value) + " is not a valid " + noun + " (" + charset + ")");
        }
        return Optional.empty();
    }

    /** Throws {@link IllegalArgumentException} with {@link #problem}'s sentence when {@code value} breaks the rule. */
    public String require(String value) {
        problem(value).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return value;
    }
}
