package dev.skald.saga.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.skald.saga.expression.Reference;
import dev.skald.saga.expression.Scope;

/**
 * The scope of one element of a map step: {@code ${item}} and {@code ${index}} name the element, and (in its
 * compensation) the step's own output and input are the element's; everything else reads the saga.
 *
 * @param run        the saga
 * @param step       the map step's index
 * @param element    the element's index
 * @param selfOutput the element's output, for its compensation; null otherwise
 * @param selfInput  the element's resolved input, for its compensation; null otherwise
 */
record ElementScope(Run run, int step, int element, JsonNode selfOutput, JsonNode selfInput) implements Scope {

    @Override
    public JsonNode root(Reference reference) {
        boolean self = reference.step().map(run.step(step).id()::equals).orElse(false);
        return switch (reference.root()) {
            case ITEM -> run.step(step).input().get(element);
            case INDEX -> IntNode.valueOf(element);
            case STEP_OUTPUT -> self ? selfOutput : run.root(reference);
            case STEP_INPUT -> self ? selfInput : run.root(reference);
            default -> run.root(reference);
        };
    }
}
