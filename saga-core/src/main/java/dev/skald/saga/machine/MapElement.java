package dev.skald.saga.machine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * Where one element of a map step stands. Its status moves along the same rows of {@link Transitions#STEP} as a
 * task step's; its attempts are numbered in the step's sequence ({@link StepState#attempt()}), so every element
 * attempt has a command id of its own.
 *
 * @param index                the element's position in the list
 * @param status               its status
 * @param attempt              the step-wide number of its latest attempt, 0 before the first
 * @param attempts             how many attempts it used in the current round
 * @param compensationAttempt  the step-wide number of its latest compensation attempt, 0 before the first
 * @param compensationAttempts how many compensation attempts it used in the current round
 * @param output               its output once completed, or null
 * @param error                its latest error, or null
 */
public record MapElement(int index, StepStatus status, int attempt, int attempts, int compensationAttempt,
                         int compensationAttempts, JsonNode output, String error) {

    public MapElement {
        Objects.requireNonNull(status, "status can't be null");
    }

    /** An element not started yet. */
    public static MapElement pending(int index) {
        return new MapElement(index, StepStatus.PENDING, 0, 0, 0, 0, null, null);
    }

    public MapElement withStatus(StepStatus newStatus) {
        return new MapElement(index, newStatus, attempt, attempts, compensationAttempt, compensationAttempts, output,
                error);
    }

    /** Its next attempt, numbered {@code newAttempt}. */
    public MapElement attempted(int newAttempt) {
        return new MapElement(index, status, newAttempt, attempts + 1, compensationAttempt, compensationAttempts, output,
                null);
    }

    /** Its next compensation attempt, numbered {@code newAttempt}. */
    public MapElement compensationAttempted(int newAttempt) {
        return new MapElement(index, status, attempt, attempts, newAttempt, compensationAttempts + 1, output, null);
    }

    /** A fresh budget of attempts (an operator's retry). */
    public MapElement newRound() {
        return new MapElement(index, status, attempt, 0, compensationAttempt, 0, output, null);
    }

    public MapElement withOutput(JsonNode newOutput) {
        return new MapElement(index, status, attempt, attempts, compensationAttempt, compensationAttempts, newOutput,
                error);
    }

    public MapElement withError(String newError) {
        return new MapElement(index, status, attempt, attempts, compensationAttempt, compensationAttempts, output,
                newError);
    }
}
