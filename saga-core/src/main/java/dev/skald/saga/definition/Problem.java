package dev.skald.saga.definition;

import java.util.Objects;

/**
 * One thing wrong with a definition, and where.
 *
 * @param place   where: {@code steps[charge].retry.maxAttempts}, {@code tasks[2](payment).type}, {@code name}...
 * @param message what is wrong, in a sentence
 */
public record Problem(String place, String message) {
    public Problem {
        Objects.requireNonNull(place, "place can't be null");
        Objects.requireNonNull(message, "message can't be null");
    }

    @Override
    public String toString() {
        return place + ": " + message;
    }
}
