package dev.skald.saga.machine;

/** The guard of a saga transition on a failure: which way the saga winds down. */
public enum Route {
    /** The transition needs no guard. */
    ALWAYS,
    /** Roll back: policy {@code compensate} before the pivot, or a cancel. */
    COMPENSATE,
    /** Stop without rolling back: policy {@code fail}, or past the pivot. */
    STOP
}
