package dev.skald.saga.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.saga.definition.FailurePolicy;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.definition.StepDefinition;
import dev.skald.saga.definition.StepKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds a {@link SagaDefinition} from the tree of a native document, reporting every structural problem. Where a
 * field cannot be read it stands in a placeholder that validates cleanly, so that the semantic validation of the
 * rest still runs; {@link Problems} drops what validation then says about the placeholders' places.
 */
final class NativeReader {
    private NativeReader() {
    }

    /** The definition in a document's root object; reports to {@code problems} what is wrong with its structure. */
    static SagaDefinition read(JsonNode root, Problems problems) {
        return saga(Fields.strict(root, "", problems));
    }

    private static SagaDefinition saga(Fields saga) {
        saga.optional("$schema", Values.TEXT);
        String name = saga.required("name", Values.TEXT).orElse("");
        int version = saga.required("version", Values.INT).orElse(1);
        Duration timeout = saga.optional("timeout", Values.DURATION).orElse(null);
        FailurePolicy onFailure = saga.optional("onFailure", Values.oneOf(FailurePolicy.class))
                .orElse(FailurePolicy.COMPENSATE);
        JsonNode output = saga.optional("output", Values.MAPPING).orElse(null);
        String failureSaga = saga.optional("failureSaga", Values.TEXT).orElse(null);
        List<StepDefinition> steps = steps(saga.elements("steps", true).orElse(List.of()), saga);
        saga.rejectUnknown("a saga definition");
        return new SagaDefinition(name, version, steps, timeout, onFailure, output, failureSaga);
    }

    private static List<StepDefinition> steps(List<JsonNode> nodes, Fields saga) {
        List<StepDefinition> steps = new ArrayList<>();
        String previous = null;
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = nodes.get(i);
            String id = node.path("id").isTextual() ? node.get("id").textValue() : null;
            String place = "steps[" + (id == null || id.isBlank() ? String.valueOf(i) : id) + "]";
            step(saga.nested(node, place), previous).ifPresent(steps::add);
            previous = id;
        }
        return steps;
    }

    /** A step; empty when it has no id to be known by (the problem is reported). */
    private static Optional<StepDefinition> step(Fields step, String previous) {
        if (!step.isObject()) {
            return Optional.empty();
        }
        Optional<String> id = step.required("id", Values.TEXT);
        StepType type = step.has("type") ? step.optional("type", Values.oneOf(StepType.class)).orElse(null) : StepType.TASK;
        List<String> afterPrevious = previous == null ? List.of() : List.of(previous);
        List<String> dependsOn = step.optional("dependsOn", Values.TEXT_LIST).orElse(afterPrevious);
        String when = step.optional("when", Values.TEXT).orElse(null);
        boolean optional = step.optional("optional", Values.BOOLEAN).orElse(false);
        boolean pivot = step.optional("pivot", Values.BOOLEAN).orElse(false);
        StepKind kind = type == null ? Problems.PLACEHOLDER_KIND : NativeKinds.read(type, step);
        if (type != null) {
            step.rejectUnknown(type.owner());
        }
        return id.map(stepId -> new StepDefinition(stepId, kind, dependsOn, when, optional, pivot));
    }
}
