package dev.skald.saga.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A compiled mapping: a JSON tree whose strings may hold {@code ${...}} references, resolved against a {@link Scope}.
 * Compile once, resolve many times.
 */
public sealed interface Template
        permits Template.Constant, Template.Ref, Template.Text, Template.Obj, Template.Arr {

    /** The value of this template in {@code scope}; never null (a missing value is JSON null). */
    JsonNode resolve(Scope scope);

    /** Every reference in this template, in order of appearance. */
    List<Reference> references();

    /**
     * Compiles a mapping, reporting each string that does not parse to {@code errors} as (path, message), where path
     * is the JSON path below the mapping ({@code .order.items[0]}), and carrying on with the rest.
     */
    static Template compile(JsonNode mapping, BiConsumer<String, String> errors) {
        return TemplateCompiler.compile(mapping, "", errors);
    }

    /** Compiles a mapping, throwing {@link ExpressionException} at the first string that does not parse. */
    static Template compile(JsonNode mapping) {
        return compile(mapping, (path, message) -> {
            throw new ExpressionException((path.isEmpty() ? "" : path + ": ") + message);
        });
    }

    /** A value without references. */
    record Constant(JsonNode value) implements Template {
        @Override
        public JsonNode resolve(Scope scope) {
            return value;
        }

        @Override
        public List<Reference> references() {
            return List.of();
        }
    }

    /** A string that is exactly one reference: keeps the referenced value's type. */
    record Ref(Reference reference) implements Template {
        @Override
        public JsonNode resolve(Scope scope) {
            JsonNode value = Paths.resolve(scope, reference);
            return value == null ? JsonNodeFactory.instance.nullNode() : value;
        }

        @Override
        public List<Reference> references() {
            return List.of(reference);
        }
    }

    /** A string with references spliced in as text; each part is a String or a Reference. */
    record Text(List<Object> parts) implements Template {
        @Override
        public JsonNode resolve(Scope scope) {
            StringBuilder out = new StringBuilder();
            for (Object part : parts) {
                if (part instanceof Reference r) {
                    JsonNode value = Paths.resolve(scope, r);
                    if (value != null && !value.isNull()) {
                        out.append(value.isValueNode() ? value.asText() : value.toString());
                    }
                } else {
                    out.append(part);
                }
            }
            return JsonNodeFactory.instance.textNode(out.toString());
        }

        @Override
        public List<Reference> references() {
            return parts.stream().filter(Reference.class::isInstance).map(Reference.class::cast).toList();
        }
    }

    /** An object whose fields are templates. */
    record Obj(Map<String, Template> fields) implements Template {
        public Obj {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        @Override
        public JsonNode resolve(Scope scope) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach((name, template) -> out.set(name, template.resolve(scope)));
            return out;
        }

        @Override
        public List<Reference> references() {
            List<Reference> out = new ArrayList<>();
            fields.values().forEach(t -> out.addAll(t.references()));
            return out;
        }
    }

    /** An array whose elements are templates. */
    record Arr(List<Template> elements) implements Template {
        public Arr {
            elements = List.copyOf(elements);
        }

        @Override
        public JsonNode resolve(Scope scope) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            elements.forEach(t -> out.add(t.resolve(scope)));
            return out;
        }

        @Override
        public List<Reference> references() {
            List<Reference> out = new ArrayList<>();
            elements.forEach(t -> out.addAll(t.references()));
            return out;
        }
    }
}
