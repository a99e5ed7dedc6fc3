package dev.skald.participant;

/** What a command asks of its participant. */
public enum CommandKind {
    /** Do the step's work. */
    ACTION,
    /** Undo the work of a step that completed (a compensation). */
    COMPENSATION,
    /** Stop work in progress for a saga that was cancelled. */
    CANCEL
}
