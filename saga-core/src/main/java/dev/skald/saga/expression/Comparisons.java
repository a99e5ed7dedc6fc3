package dev.skald.saga.expression;

import com.fasterxml.jackson.databind.JsonNode;

/** The comparison operators of conditions. */
final class Comparisons {
    private Comparisons() {
    }

    static boolean apply(String operator, JsonNode left, JsonNode right) {
        return switch (operator) {
            case "==" -> same(left, right);
            case "!=" -> !same(left, right);
            case "<" -> ordered(left, right) && compare(left, right) < 0;
            case "<=" -> ordered(left, right) && compare(left, right) <= 0;
            case ">" -> ordered(left, right) && compare(left, right) > 0;
            case ">=" -> ordered(left, right) && compare(left, right) >= 0;
            default -> throw new IllegalArgumentException("unknown operator " + operator);
        };
    }

    private static boolean same(JsonNode left, JsonNode right) {
        if (isNull(left) || isNull(right)) {
            return isNull(left) && isNull(right);
        }
        if (left.isNumber() && right.isNumber()) {
            return left.decimalValue().compareTo(right.decimalValue()) == 0;
        }
        return left.equals(right);
    }

    private static boolean ordered(JsonNode left, JsonNode right) {
        return !isNull(left) && !isNull(right)
                && (left.isNumber() && right.isNumber() || left.isTextual() && right.isTextual());
    }

    private static int compare(JsonNode left, JsonNode right) {
        return left.isNumber() ? left.decimalValue().compareTo(right.decimalValue()) : left.asText().compareTo(right.asText());
    }

    private static boolean isNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
