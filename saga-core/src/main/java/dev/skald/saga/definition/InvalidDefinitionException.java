package dev.skald.saga.definition;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a definition has problems; carries every one of them, each with its place. */
public final class InvalidDefinitionException extends RuntimeException {
    private final transient List<Problem> problems;

    public InvalidDefinitionException(String subject, List<Problem> problems) {
        super(subject + " is invalid (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  "
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the order found. */
    public List<Problem> problems() {
        return problems;
    }
}
