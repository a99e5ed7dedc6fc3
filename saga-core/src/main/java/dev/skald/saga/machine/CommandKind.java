package dev.skald.saga.machine;

/** What a command asks of its receiver. */
public enum CommandKind {
    /** Do the step. */
    ACTION,
    /** Undo the step. */
    COMPENSATION,
    /** Stop a child saga (its outcome still arrives as the step's reply). */
    CANCEL
}
