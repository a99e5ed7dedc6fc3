package dev.skald.conductor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Drops the fields Conductor's official client writes into every definition with a value that changes nothing, and
 * that Skald's Conductor reader would otherwise report as unsupported: {@code enforceSchema} without a schema,
 * {@code metadata}, a workflow's {@code timeoutPolicy} without a timeout, a task definition's
 * {@code totalTimeoutSeconds} of 0. Only the copy that is compiled is trimmed; the document is stored as sent.
 */
final class ClientDefaults {
    private ClientDefaults() {
    }

    /** A copy of the workflow definition without the client's no-op defaults (its inline task definitions too). */
    static JsonNode workflow(JsonNode workflowDef) {
        JsonNode copy = workflowDef.deepCopy();
        if (copy instanceof ObjectNode root) {
            withoutSchemaFlag(root);
            if (root.path("metadata").isObject()) {
                root.remove("metadata");
            }
            if (root.path("timeoutSeconds").asLong(0) == 0) {
                root.remove("timeoutPolicy");
            }
            inlineTaskDefs(root.get("tasks"));
        }
        return copy;
    }

    /** A copy of the task definition without the client's no-op defaults. */
    static JsonNode taskDef(JsonNode taskDef) {
        JsonNode copy = taskDef.deepCopy();
        if (copy instanceof ObjectNode def) {
            trimTaskDef(def);
        }
        return copy;
    }

    private static void trimTaskDef(ObjectNode def) {
        withoutSchemaFlag(def);
        if (def.has("totalTimeoutSeconds") && def.get("totalTimeoutSeconds").asLong(-1) == 0) {
            def.remove("totalTimeoutSeconds");
        }
    }

    private static void withoutSchemaFlag(ObjectNode node) {
        if (node.has("enforceSchema") && !node.hasNonNull("inputSchema") && !node.hasNonNull("outputSchema")) {
            node.remove("enforceSchema");
        }
    }

    /** Trims every inline {@code taskDefinition}, wherever the task is nested (forks, switch cases). */
    private static void inlineTaskDefs(JsonNode node) {
        if (node == null || !node.isContainerNode()) {
            return;
        }
        if (node.get("taskDefinition") instanceof ObjectNode inline) {
            trimTaskDef(inline);
        }
        node.forEach(ClientDefaults::inlineTaskDefs);
    }
}
