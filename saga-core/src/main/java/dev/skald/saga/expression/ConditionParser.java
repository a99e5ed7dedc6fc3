package dev.skald.saga.expression;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * Recursive-descent parser for conditions.
 * <pre>
 * or      := and ('||' and)*
 * and     := unary ('&amp;&amp;' unary)*
 * unary   := '!' unary | compare
 * compare := primary (('==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=') primary)?
 * primary := '(' or ')' | '${' reference '}' | 'string' | "string" | number | true | false | null
 * </pre>
 */
final class ConditionParser {
    private static final List<String> OPERATORS = List.of("==", "!=", "<=", ">=", "<", ">");

    private final String source;
    private int pos;

    ConditionParser(String source) {
        this.source = source;
    }

    Condition parse() {
        Condition result = or();
        skipSpaces();
        if (pos < source.length()) {
            throw error("unexpected '" + source.substring(pos) + "'");
        }
        return result;
    }

    private Condition or() {
        Condition left = and();
        while (accept("||")) {
            left = new Condition.Or(left, and());
        }
        return left;
    }

    private Condition and() {
        Condition left = unary();
        while (accept("&&")) {
            left = new Condition.And(left, unary());
        }
        return left;
    }

    private Condition unary() {
        skipSpaces();
        if (peek("!") && !peek("!=")) {
            pos++;
            return new Condition.Not(unary());
        }
        return compare();
    }

    private Condition compare() {
        Condition left = primary();
        for (String op : OPERATORS) {
            if (accept(op)) {
                return new Condition.Compare(op, left, primary());
            }
        }
        return left;
    }

    private Condition primary() {
        skipSpaces();
        if (pos >= source.length()) {
            throw error("expected a value but the condition ended");
        }
        char c = source.charAt(pos);
        if (c == '(') {
            pos++;
            Condition inner = or();
            if (!accept(")")) {
                throw error("expected ')'");
            }
            return inner;
        }
        if (source.startsWith("${", pos)) {
            return reference();
        }
        if (c == '\'' || c == '"') {
            return string(c);
        }
        if (c == '-' || Character.isDigit(c)) {
            return number();
        }
        return keyword();
    }

    private Condition reference() {
        int close = source.indexOf('}', pos);
        if (close < 0) {
            throw error("unclosed '${'");
        }
        Reference ref = ReferenceParser.parse(source.substring(pos + 2, close));
        pos = close + 1;
        return new Condition.Ref(ref);
    }

    private Condition string(char quote) {
        int close = source.indexOf(quote, pos + 1);
        if (close < 0) {
            throw error("unclosed string");
        }
        String text = source.substring(pos + 1, close);
        pos = close + 1;
        return new Condition.Literal(TextNode.valueOf(text));
    }

    private Condition number() {
        int start = pos;
        pos++;
        while (pos < source.length() && (Character.isDigit(source.charAt(pos)) || source.charAt(pos) == '.')) {
            pos++;
        }
        try {
            return new Condition.Literal(DecimalNode.valueOf(new BigDecimal(source.substring(start, pos))));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("invalid number");
        }
    }

    private Condition keyword() {
        for (var entry : List.of("true", "false", "null")) {
            if (source.startsWith(entry, pos)) {
                pos += entry.length();
                return new Condition.Literal(switch (entry) {
                    case "true" -> BooleanNode.TRUE;
                    case "false" -> BooleanNode.FALSE;
                    default -> NullNode.instance;
                });
            }
        }
        throw error("expected a value (${...}, a quoted string, a number, true, false or null)");
    }

    private boolean accept(String token) {
        skipSpaces();
        if (source.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private boolean peek(String token) {
        return source.startsWith(token, pos);
    }

    private void skipSpaces() {
        while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) {
            pos++;
        }
    }

    private ExpressionException error(String message) {
        return new ExpressionException("condition '" + source + "': " + message + " at character " + pos);
    }
}
