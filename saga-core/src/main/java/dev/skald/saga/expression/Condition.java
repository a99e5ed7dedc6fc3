package dev.skald.saga.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled {@code when} condition. It holds only when it evaluates to boolean {@code true}; any other value
 * (null for a missing path, a string, a number) counts as false.
 */
public sealed interface Condition
        permits Condition.Literal, Condition.Ref, Condition.Not, Condition.And, Condition.Or, Condition.Compare {

    /** Parses a condition; throws {@link ExpressionException} saying what is wrong and where. */
    static Condition parse(String source) {
        return new ConditionParser(source).parse();
    }

    /** The value of this expression in {@code scope}. */
    JsonNode evaluate(Scope scope);

    /** Every reference in this condition. */
    List<Reference> references();

    /** Whether the condition holds in {@code scope}. */
    default boolean holds(Scope scope) {
        JsonNode value = evaluate(scope);
        return value != null && value.isBoolean() && value.booleanValue();
    }

    /** A literal value. */
    record Literal(JsonNode value) implements Condition {
        @Override
        public JsonNode evaluate(Scope scope) {
            return value;
        }

        @Override
        public List<Reference> references() {
            return List.of();
        }
    }

    /** A reference. */
    record Ref(Reference reference) implements Condition {
        @Override
        public JsonNode evaluate(Scope scope) {
            JsonNode value = Paths.resolve(scope, reference);
            return value == null ? NullNode.instance : value;
        }

        @Override
        public List<Reference> references() {
            return List.of(reference);
        }
    }

    /** Logical negation. */
    record Not(Condition operand) implements Condition {
        @Override
        public JsonNode evaluate(Scope scope) {
            return BooleanNode.valueOf(!operand.holds(scope));
        }

        @Override
        public List<Reference> references() {
            return operand.references();
        }
    }

    /** Logical and, short-circuit. */
    record And(Condition left, Condition right) implements Condition {
        @Override
        public JsonNode evaluate(Scope scope) {
            return BooleanNode.valueOf(left.holds(scope) && right.holds(scope));
        }

        @Override
        public List<Reference> references() {
            return both(left, right);
        }
    }

    /** Logical or, short-circuit. */
    record Or(Condition left, Condition right) implements Condition {
        @Override
        public JsonNode evaluate(Scope scope) {
            return BooleanNode.valueOf(left.holds(scope) || right.holds(scope));
        }

        @Override
        public List<Reference> references() {
            return both(left, right);
        }
    }

    /** A comparison. Numbers compare by value ({@code 1 == 1.0}); strings compare lexicographically. */
    record Compare(String operator, Condition left, Condition right) implements Condition {
        @Override
        public JsonNode evaluate(Scope scope) {
            return BooleanNode.valueOf(Comparisons.apply(operator, left.evaluate(scope), right.evaluate(scope)));
        }

        @Override
        public List<Reference> references() {
            return both(left, right);
        }
    }

    private static List<Reference> both(Condition left, Condition right) {
        List<Reference> out = new ArrayList<>(left.references());
        out.addAll(right.references());
        return out;
    }
}
