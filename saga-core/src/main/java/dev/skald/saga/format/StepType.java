package dev.skald.saga.format;

import dev.skald.saga.definition.StepKind;

/**
 * The {@code type} of a step in a native document; its lower-case name is the one written. An {@code http} step is
 * read as a task of the built-in http participant ({@link dev.skald.saga.definition.HttpStep}), and written back as
 * that task.
 */
enum StepType {
    TASK, HTTP, MAP, PUBLISH, WAIT, EVENT, SAGA, TERMINATE;

    /** The type a step kind is written as. */
    static StepType of(StepKind kind) {
        if (kind instanceof StepKind.Task) {
            return TASK;
        }
        if (kind instanceof StepKind.ForEach) {
            return MAP;
        }
        if (kind instanceof StepKind.Publish) {
            return PUBLISH;
        }
        if (kind instanceof StepKind.Wait) {
            return WAIT;
        }
        if (kind instanceof StepKind.AwaitEvent) {
            return EVENT;
        }
        if (kind instanceof StepKind.SubSaga) {
            return SAGA;
        }
        return TERMINATE;
    }

    /** How messages name a step of this type: {@code a task step}. */
    String owner() {
        return (this == EVENT || this == HTTP ? "an " : "a ") + Values.lowerCase(this) + " step";
    }
}
