package dev.skald.participant;

import java.util.Map;
import java.util.Objects;

/**
 * What a handler answers: a success with an output, a business failure, or a transient failure to retry.
 *
 * <pre>{@code
 * return Reply.success(Map.of("reservationId", id));   // output: any value Jackson writes as JSON
 * return Reply.failure("out of stock");                 // no retry; the saga compensates
 * return Reply.retry("warehouse API unavailable");      // the saga retries the step per its retry policy
 * return Reply.inProgress();                            // a long-running task: its outcome comes later
 * }</pre>
 *
 * <p>A long-running task answers {@link #inProgress()} at once (its transaction commits and the command is done for the
 * SDK), keeps the command id, and later calls {@code Participant.complete(commandId, Reply.success(...))} from any
 * thread, even after a restart; {@code Participant.heartbeat(commandId)} in between restarts the attempt's response
 * timeout. See docs/participants.md.
 */
public sealed interface Reply {

    /** A success with an empty JSON object as output. */
    static Reply success() {
        return new Success(Map.of());
    }

    /** A success; {@code output} becomes the step's output, written as JSON (a map, a record, a JSON tree...). */
    static Reply success(Object output) {
        return new Success(output);
    }

    /** A business failure: the step fails without retry. */
    static Reply failure(String error) {
        return new Failure(error);
    }

    /**
     * Still working: the handler started a task that ends later, outside this call. The attempt's response timeout
     * starts again; the outcome is sent later with {@code Participant.complete}.
     */
    static Reply inProgress() {
        return InProgress.INSTANCE;
    }

    /** A transient failure: the step is retried as its retry policy says. */
    static Reply retry(String error) {
        return new Retry(error);
    }

    /**
     * The step completed.
     *
     * @param output the step's output, written as JSON; null is the JSON {@code null}
     */
    record Success(Object output) implements Reply {
    }

    /**
     * The step failed for a business reason; it is not retried.
     *
     * @param error why, for the saga's error and history
     */
    record Failure(String error) implements Reply {
        public Failure {
            Objects.requireNonNull(error, "error can't be null");
        }
    }

    /**
     * The step failed for a transient reason; it is retried per its retry policy.
     *
     * @param error why, for the saga's history
     */
    record Retry(String error) implements Reply {
        public Retry {
            Objects.requireNonNull(error, "error can't be null");
        }
    }

    /** The step's task goes on after the handler returns; its outcome comes later. */
    record InProgress() implements Reply {
        static final InProgress INSTANCE = new InProgress();
    }
}
