package dev.skald.saga.machine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where one step of a saga stands.
 *
 * @param id                  the step id
 * @param status              its status
 * @param attempt             the number of its latest attempt, 0 before the first; never reused, so a command id
 *                            (saga, step, attempt, kind) is unique
 * @param attemptBase         the attempt number at which the current round of retries began (an operator's retry
 *                            starts a new round with a fresh budget)
 * @param compensationAttempt the number of the latest compensation attempt, 0 before the first
 * @param compensationBase    the compensation attempt at which the current round began
 * @param input               the input the step was last dispatched with, or null
 * @param output              its output once completed, or null
 * @param error               the latest error, or null
 * @param updatedAt           when it last changed, or null if never
 * @param elements            the elements of a map step once it started, in index order; empty for other steps
 */
public record StepState(String id, StepStatus status, int attempt, int attemptBase, int compensationAttempt,
                        int compensationBase, JsonNode input, JsonNode output, String error, Instant updatedAt,
                        List<MapElement> elements) {

    public StepState {
        Objects.requireNonNull(id, "id can't be null");
        Objects.requireNonNull(status, "status can't be null");
        elements = elements == null ? List.of() : List.copyOf(elements);
    }

    /** A step without map elements. */
    public StepState(String id, StepStatus status, int attempt, int attemptBase, int compensationAttempt,
                     int compensationBase, JsonNode input, JsonNode output, String error, Instant updatedAt) {
        this(id, status, attempt, attemptBase, compensationAttempt, compensationBase, input, output, error, updatedAt,
                List.of());
    }

    /** A step that has not started. */
    public static StepState pending(String id) {
        return new StepState(id, StepStatus.PENDING, 0, 0, 0, 0, null, null, null, null);
    }

    /** Attempts used in the current round. */
    public int attemptsInRound() {
        return attempt - attemptBase;
    }

    /** Compensation attempts used in the current round. */
    public int compensationAttemptsInRound() {
        return compensationAttempt - compensationBase;
    }

    public StepState withStatus(StepStatus newStatus, Instant at) {
        return new StepState(id, newStatus, attempt, attemptBase, compensationAttempt, compensationBase, input, output,
                error, at, elements);
    }

    public StepState withAttempt(int newAttempt, JsonNode newInput) {
        return new StepState(id, status, newAttempt, attemptBase, compensationAttempt, compensationBase, newInput,
                output, error, updatedAt, elements);
    }

    public StepState withAttemptBase(int newBase) {
        return new StepState(id, status, attempt, newBase, compensationAttempt, compensationBase, input, output, error,
                updatedAt, elements);
    }

    public StepState withCompensationAttempt(int newAttempt) {
        return new StepState(id, status, attempt, attemptBase, newAttempt, compensationBase, input, output, error,
                updatedAt, elements);
    }

    public StepState withCompensationBase(int newBase) {
        return new StepState(id, status, attempt, attemptBase, compensationAttempt, newBase, input, output, error,
                updatedAt, elements);
    }

    public StepState withOutput(JsonNode newOutput) {
        return new StepState(id, status, attempt, attemptBase, compensationAttempt, compensationBase, input, newOutput,
                error, updatedAt, elements);
    }

    public StepState withError(String newError) {
        return new StepState(id, status, attempt, attemptBase, compensationAttempt, compensationBase, input, output,
                newError, updatedAt, elements);
    }

    public StepState withElements(List<MapElement> newElements) {
        return new StepState(id, status, attempt, attemptBase, compensationAttempt, compensationBase, input, output,
                error, updatedAt, newElements);
    }
}
