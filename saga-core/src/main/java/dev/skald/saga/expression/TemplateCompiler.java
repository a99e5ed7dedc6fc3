package dev.skald.saga.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Turns JSON trees into {@link Template}s. */
final class TemplateCompiler {
    private TemplateCompiler() {
    }

    static Template compile(JsonNode node, String path, BiConsumer<String, String> errors) {
        if (node == null || node.isMissingNode()) {
            return new Template.Constant(JsonNodeFactory.instance.nullNode());
        }
        if (node.isObject()) {
            Map<String, Template> fields = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), compile(e.getValue(), path + "." + e.getKey(), errors)));
            return allConstant(fields.values()) ? new Template.Constant(node.deepCopy()) : new Template.Obj(fields);
        }
        if (node.isArray()) {
            List<Template> elements = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                elements.add(compile(node.get(i), path + "[" + i + "]", errors));
            }
            return allConstant(elements) ? new Template.Constant(node.deepCopy()) : new Template.Arr(elements);
        }
        if (node.isTextual()) {
            try {
                return text(node.asText());
            } catch (ExpressionException e) {
                errors.accept(path, e.getMessage());
                return new Template.Constant(node);
            }
        }
        return new Template.Constant(node);
    }

    private static boolean allConstant(Iterable<Template> templates) {
        for (Template t : templates) {
            if (!(t instanceof Template.Constant)) {
                return false;
            }
        }
        return true;
    }

    /** Parses one string: a constant, exactly one reference, or text with references spliced in. */
    static Template text(String text) {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        StringBuilder literal = new StringBuilder();
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            if (open < 0) {
                literal.append(text, i, text.length());
                break;
            }
            literal.append(text, i, open);
            int close = text.indexOf('}', open + 2);
            if (close < 0) {
                throw new ExpressionException("'" + text + "' has an unclosed '${' at " + open);
            }
            if (literal.length() > 0) {
                parts.add(literal.toString());
                literal.setLength(0);
            }
            parts.add(ReferenceParser.parse(text.substring(open + 2, close)));
            i = close + 1;
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        if (parts.size() == 1 && parts.get(0) instanceof Reference r) {
            return new Template.Ref(r);
        }
        if (parts.stream().noneMatch(Reference.class::isInstance)) {
            return new Template.Constant(JsonNodeFactory.instance.textNode(text));
        }
        return new Template.Text(parts);
    }
}
