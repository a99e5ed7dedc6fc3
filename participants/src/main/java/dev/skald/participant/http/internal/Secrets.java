package dev.skald.participant.http.internal;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replaces {@code {{secret:NAME}}} references with their values at the moment of a call, and nowhere else. */
final class Secrets {
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{secret:([A-Za-z0-9_.-]{1,100})}}");

    private final Function<String, Optional<String>> values;

    Secrets(Function<String, Optional<String>> values) {
        this.values = values;
    }

    /** Thrown for a reference to a secret that has no value. */
    static final class MissingSecretException extends Exception {
        MissingSecretException(String name) {
            super("secret '" + name + "' is not configured (set the environment variable SKALD_SECRET_" + name
                    + " where the http executor runs)");
        }
    }

    /** {@code text} with each reference replaced by its value, passed through {@code escape}. */
    String resolve(String text, UnaryOperator<String> escape) throws MissingSecretException {
        if (!text.contains("{{secret:")) {
            return text;
        }
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = values.apply(name).orElseThrow(() -> new MissingSecretException(name));
            matcher.appendReplacement(out, Matcher.quoteReplacement(escape.apply(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** A value as it may stand inside a JSON string. */
    static String jsonEscaped(String value) {
        String quoted = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(value).toString();
        return quoted.substring(1, quoted.length() - 1);
    }

    /** {@code text} with each reference replaced by its value as it is. */
    String resolve(String text) throws MissingSecretException {
        return resolve(text, UnaryOperator.identity());
    }
}
