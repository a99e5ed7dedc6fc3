package dev.skald.saga.expression;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Follows a reference's path below its root value. */
final class Paths {
    private Paths() {
    }

    /** The value at {@code path} below {@code root}, or null when the path leads nowhere. */
    static JsonNode follow(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object segment : path) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return null;
            }
            node = segment instanceof Integer i ? node.get(i) : node.get((String) segment);
        }
        return node == null || node.isMissingNode() ? null : node;
    }

    static JsonNode resolve(Scope scope, Reference reference) {
        return follow(scope.root(reference), reference.path());
    }
}
