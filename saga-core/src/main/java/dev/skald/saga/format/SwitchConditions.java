package dev.skald.saga.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The {@code when} conditions that stand in for Conductor's SWITCH and DECISION tasks. The value a switch looks at
 * becomes the left side of a comparison with each case; Conductor compares as strings, so case {@code "1"} also
 * matches the number 1 and case {@code "true"} the boolean.
 */
final class SwitchConditions {
    private static final Pattern SINGLE_REFERENCE = Pattern.compile("\\$\\{[^}]+}");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private SwitchConditions() {
    }

    /**
     * The switch value as a condition operand: a single {@code ${...}} reference as it is, or a literal. Null, after
     * telling {@code problem} why, when a condition cannot express it.
     */
    static String operand(JsonNode value, Consumer<String> problem) {
        if (value.isTextual()) {
            String text = value.textValue();
            if (SINGLE_REFERENCE.matcher(text).matches()) {
                return text;
            }
            if (text.contains("${")) {
                problem.accept("'" + text + "' must be a single ${...} reference or a constant: Skald conditions"
                        + " cannot compare spliced text");
                return null;
            }
            return quoted(text, problem).orElse(null);
        }
        if (value.isNumber()) {
            return value.decimalValue().toPlainString();
        }
        if (value.isBoolean() || value.isNull()) {
            return value.asText();
        }
        problem.accept("must be a ${...} reference or a constant, was " + Values.describe(value));
        return null;
    }

    /** The condition that the operand matches a case, as Conductor matches it; empty after a problem. */
    static Optional<String> matches(String operand, String caseValue, Consumer<String> problem) {
        return quoted(caseValue, problem).map(literal -> {
            List<String> alternatives = new ArrayList<>(List.of(operand + " == " + literal));
            if (NUMBER.matcher(caseValue).matches() || caseValue.equals("true") || caseValue.equals("false")) {
                alternatives.add(operand + " == " + caseValue);
            }
            return alternatives.size() == 1 ? alternatives.get(0) : "(" + String.join(" || ", alternatives) + ")";
        });
    }

    /** The condition of a default case: none of the cases holds. Null when there are no cases. */
    static String noneOf(List<String> cases) {
        return cases.isEmpty() ? null : "!(" + String.join(" || ", cases) + ")";
    }

    /**
     * Both conditions; either may be null for "always". The conditions built here never have {@code ||} at the top
     * level, so {@code &&} needs no parentheses.
     */
    static String and(String outer, String inner) {
        if (outer == null) {
            return inner;
        }
        return inner == null ? outer : outer + " && " + inner;
    }

    private static Optional<String> quoted(String text, Consumer<String> problem) {
        if (!text.contains("'")) {
            return Optional.of("'" + text + "'");
        }
        if (!text.contains("\"")) {
            return Optional.of("\"" + text + "\"");
        }
        problem.accept("'" + text + "' holds both kinds of quote, which a Skald condition cannot write");
        return Optional.empty();
    }
}
