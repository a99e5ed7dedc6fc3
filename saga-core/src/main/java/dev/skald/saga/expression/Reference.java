package dev.skald.saga.expression;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed {@code ${...}} reference.
 *
 * @param root   what the reference starts from
 * @param stepId the step, for {@link Root#STEP_INPUT} and {@link Root#STEP_OUTPUT}; null otherwise
 * @param path   the field names (String) and array indexes (Integer) below the root
 * @param source the reference as written, without {@code ${}}
 */
public record Reference(Root root, String stepId, List<Object> path, String source) {

    /**
     * Where a reference starts. {@code ITEM} ({@code ${item...}}) and {@code INDEX} ({@code ${index}}) name the element
     * of a map step and its position; they are defined only in a map step's input and compensation input.
     */
    public enum Root { SAGA_INPUT, SAGA_ID, CORRELATION_KEY, STEP_INPUT, STEP_OUTPUT, ITEM, INDEX }

    public Reference {
        Objects.requireNonNull(root, "root can't be null");
        path = List.copyOf(path);
    }

    /** The step this reference reads, if it reads one. */
    public Optional<String> step() {
        return Optional.ofNullable(stepId);
    }
}
