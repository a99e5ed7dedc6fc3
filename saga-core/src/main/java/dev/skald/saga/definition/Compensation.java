package dev.skald.saga.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The command that undoes a completed step.
 *
 * <p>The input mapping may refer to the step's own output ({@code ${reserve.output.reservationId}}) as well as to
 * everything the step itself could see.
 *
 * @param participant     the service that receives the command
 * @param commandType     the command type the participant handles
 * @param input           the input mapping (a JSON tree whose strings may hold {@code ${...}} expressions)
 * @param retry           how often the compensation is attempted before the saga ends {@code COMPENSATION_FAILED}
 * @param responseTimeout how long one attempt may go unanswered before it counts as a retriable failure, or null
 */
public record Compensation(String participant, String commandType, JsonNode input, RetryPolicy retry,
                           Duration responseTimeout) {

    public Compensation {
        Objects.requireNonNull(participant, "participant can't be null");
        Objects.requireNonNull(commandType, "commandType can't be null");
        input = Mappings.orEmpty(input);
        retry = retry == null ? RetryPolicy.DEFAULT_COMPENSATION : retry;
    }

    /** The response timeout per attempt, if any. */
    public Optional<Duration> responseTimeoutIfAny() {
        return Optional.ofNullable(responseTimeout);
    }
}
