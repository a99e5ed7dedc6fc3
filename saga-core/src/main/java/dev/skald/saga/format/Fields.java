package dev.skald.saga.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of one JSON object in a document, read by name. Every problem goes to {@link Problems} with its place
 * ({@code steps[reserve].retry.backoff}); a read that fails returns empty so that reading carries on and finds the
 * next problem. The object remembers which fields were asked for, so that {@link #rejectUnknown} can report the rest.
 *
 * <p>When the node is not an object, that is reported once and every read finds nothing and reports nothing more.
 */
final class Fields {
    private final JsonNode node;
    private final String place;
    private final Problems problems;
    private final boolean nullIsAbsent;
    /** Fields asked for by a read: what the object supports. */
    private final Set<String> read = new LinkedHashSet<>();
    /** Those and the fields ignored or accepted only when empty: nothing else is reported unknown. */
    private final Set<String> known = new LinkedHashSet<>();

    private Fields(JsonNode node, String place, Problems problems, boolean nullIsAbsent) {
        this.place = place;
        this.problems = problems;
        this.nullIsAbsent = nullIsAbsent;
        if (node.isObject()) {
            this.node = node;
        } else {
            this.node = null;
            problems.add(place.isEmpty() ? "document" : place, "must be an object, was " + Values.describe(node));
        }
    }

    /** The fields of a native document's object: a null value is a wrong type. */
    static Fields strict(JsonNode node, String place, Problems problems) {
        return new Fields(node, place, problems, false);
    }

    /** The fields of a Conductor object: a null value means the field is absent, as Conductor writes its defaults. */
    static Fields lenient(JsonNode node, String place, Problems problems) {
        return new Fields(node, place, problems, true);
    }

    /** The fields of another object of the same document. */
    Fields nested(JsonNode other, String otherPlace) {
        return new Fields(other, otherPlace, problems, nullIsAbsent);
    }

    /** Whether the node was an object. */
    boolean isObject() {
        return node != null;
    }

    String place() {
        return place;
    }

    /** The place of one of these fields. */
    String placeOf(String key) {
        return place.isEmpty() ? key : place + "." + key;
    }

    /** Whether the field is present (marks it known). */
    boolean has(String key) {
        return raw(key).isPresent();
    }

    /** The field's value as it is, if present (marks it known). */
    Optional<JsonNode> raw(String key) {
        read.add(key);
        known.add(key);
        return lookup(key);
    }

    private Optional<JsonNode> lookup(String key) {
        JsonNode value = node == null ? null : node.get(key);
        return value == null || nullIsAbsent && value.isNull() ? Optional.empty() : Optional.of(value);
    }

    /** The field's value, if present and readable; reports a value of the wrong shape. */
    <T> Optional<T> optional(String key, ValueReader<T> reader) {
        return raw(key).map(value -> reader.read(value, message -> problem(key, message)));
    }

    /** The field's value, if present and readable; reports a missing field and a value of the wrong shape. */
    <T> Optional<T> required(String key, ValueReader<T> reader) {
        if (node != null && raw(key).isEmpty()) {
            problem(key, "missing required field '" + key + "'");
        }
        return optional(key, reader);
    }

    /** The fields of a nested object, if present; reports a value that is not an object. */
    Optional<Fields> object(String key) {
        return raw(key).map(value -> nested(value, placeOf(key))).filter(Fields::isObject);
    }

    /**
     * The fields of a nested object: those of an empty object when the field is absent, and none when it is not an
     * object (that is reported, and reads of it report nothing more).
     */
    Fields objectOrEmpty(String key) {
        return nested(raw(key).orElseGet(JsonNodeFactory.instance::objectNode), placeOf(key));
    }

    /** Like {@link #objectOrEmpty}, and reports a missing field. */
    Fields requiredObject(String key) {
        if (node != null && raw(key).isEmpty()) {
            problem(key, "missing required field '" + key + "'");
        }
        return objectOrEmpty(key);
    }

    /** The elements of an array field, if present; reports a value that is not an array. */
    Optional<List<JsonNode>> elements(String key, boolean required) {
        Optional<JsonNode> array = (required ? required(key, Values.ARRAY) : optional(key, Values.ARRAY));
        return array.map(value -> {
            List<JsonNode> out = new ArrayList<>();
            value.forEach(out::add);
            return out;
        });
    }

    /** Every field, in document order (marks them all known): for objects keyed by the user, like switch cases. */
    List<Map.Entry<String, JsonNode>> entries() {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        if (node != null) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                known.add(field.getKey());
                out.add(field);
            }
        }
        return out;
    }

    /** Marks fields as known without reading them: harmless metadata. */
    void ignore(String... keys) {
        known.addAll(List.of(keys));
    }

    /**
     * Marks fields as known, reporting each one that holds anything but its empty value ({@code null}, {@code ""},
     * {@code 0}, {@code false}, {@code {}}, {@code []}) as a feature that Skald does not support.
     */
    void rejectUnlessEmpty(String owner, String... keys) {
        for (String key : keys) {
            if (known.add(key)) {
                lookup(key).filter(value -> !Values.isEmpty(value)).ifPresent(value ->
                        problem(key, Conductor.unsupported("'" + key + "' of " + owner)));
            }
        }
    }

    /**
     * Reports every field that is not known, suggesting the known field it was probably meant to be, or else listing
     * the fields the object supports.
     */
    void rejectUnknown(String owner) {
        if (node == null) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name) && !(nullIsAbsent && node.get(name).isNull())) {
                problem(name, "unknown field '" + name + "' in " + owner + Suggestions.closest(name, known)
                        .map(s -> "; did you mean '" + s + "'?")
                        .orElse("; expected one of " + String.join(", ", read)));
            }
        }
    }

    /** Reports a problem with one of these fields. */
    void problem(String key, String message) {
        problems.add(placeOf(key), message);
    }

    /** Reports a problem with the object as a whole. */
    void problem(String message) {
        problems.add(place, message);
    }
}
