package dev.skald.saga.expression;

import com.fasterxml.jackson.databind.JsonNode;

/** What expressions are evaluated against: gives the value at the root of a reference. */
@FunctionalInterface
public interface Scope {
    /**
     * The value at the root of {@code reference} (the saga input, a step's output...), before its path is followed;
     * null when there is none.
     */
    JsonNode root(Reference reference);
}
