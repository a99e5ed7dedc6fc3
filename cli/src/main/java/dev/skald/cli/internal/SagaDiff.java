package dev.skald.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Compares two renderings of a saga ({@code GET /sagas/{id}}) field by field. Steps are matched by id, so a
 * difference reads {@code steps[reserve].status}.
 */
public final class SagaDiff {
    private SagaDiff() {
    }

    /**
     * One field that differs.
     *
     * @param field   where, e.g. {@code status} or {@code steps[reserve].attempts}
     * @param live    the live value (a missing node when absent)
     * @param rebuilt the rebuilt value (a missing node when absent)
     */
    public record Difference(String field, JsonNode live, JsonNode rebuilt) {
        @Override
        public String toString() {
            return field + ": live " + show(live) + ", rebuilt " + show(rebuilt);
        }

        private static String show(JsonNode value) {
            return value.isMissingNode() ? "(absent)" : value.toString();
        }
    }

    /** Every field where {@code rebuilt} differs from {@code live}; empty when they are equal. */
    public static List<Difference> compare(JsonNode live, JsonNode rebuilt) {
        List<Difference> out = new ArrayList<>();
        compare("", live, rebuilt, out);
        return out;
    }

    private static void compare(String path, JsonNode live, JsonNode rebuilt, List<Difference> out) {
        if (live.isObject() && rebuilt.isObject()) {
            for (String field : fields(live, rebuilt)) {
                compare(path.isEmpty() ? field : path + "." + field, live.path(field), rebuilt.path(field), out);
            }
        } else if (live.isArray() && rebuilt.isArray() && byId(live) && byId(rebuilt)) {
            for (String id : ids(live, rebuilt)) {
                compare(path + "[" + id + "]", find(live, id), find(rebuilt, id), out);
            }
        } else if (!sameValue(live, rebuilt)) {
            out.add(new Difference(path, live, rebuilt));
        }
    }

    /**
     * Whether two leaves hold the same value: numbers by value, so that {@code 87.36} read as a double from one side
     * and as a decimal from the other are the same amount; other nodes exactly (arrays element by element).
     */
    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.isContainerNode() && b.isContainerNode() ? SagaDiff.compare(a, b).isEmpty() : Objects.equals(a, b);
    }

    private static Set<String> fields(JsonNode a, JsonNode b) {
        Set<String> names = new LinkedHashSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean byId(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.path("id").isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> ids(JsonNode a, JsonNode b) {
        Set<String> ids = new LinkedHashSet<>();
        a.forEach(n -> ids.add(n.get("id").asText()));
        b.forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }

    private static JsonNode find(JsonNode array, String id) {
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            JsonNode item = it.next();
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        return MissingNode.getInstance();
    }
}
