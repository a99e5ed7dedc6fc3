package dev.skald.saga.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What a step does when its turn comes. A closed set: tasks, waits, sub-sagas and terminations. */
public sealed interface StepKind
        permits StepKind.Task, StepKind.ForEach, StepKind.Publish, StepKind.Wait, StepKind.AwaitEvent,
        StepKind.SubSaga, StepKind.Terminate {

    /**
     * How long one attempt of a command (a task's, a map element's, a compensation's) waits for its reply when the
     * definition names no response timeout: one hour, Conductor's default {@code responseTimeoutSeconds}. No attempt
     * waits forever; a long-running task's heartbeats start its response timeout again.
     */
    Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofHours(1);

    /** The compensation of this step, if it has one. */
    default Optional<Compensation> compensation() {
        return Optional.empty();
    }

    /** A short name for messages and docs ({@code task}, {@code wait}, ...). */
    String label();

    /**
     * Sends a command to a participant and waits for its reply.
     *
     * @param participant     the service that receives the command ({@code skald.commands.<participant>})
     * @param commandType     the command type the participant handles
     * @param input           the input mapping
     * @param retry           retry policy for retriable failures and response timeouts
     * @param responseTimeout how long one attempt may go unanswered, or null for {@link #DEFAULT_RESPONSE_TIMEOUT}
     * @param timeout         how long the step may take over all its attempts, or null for no limit
     * @param undo            the compensation, or null
     */
    record Task(String participant, String commandType, JsonNode input, RetryPolicy retry, Duration responseTimeout,
                Duration timeout, Compensation undo) implements StepKind {
        public Task {
            Objects.requireNonNull(participant, "participant can't be null");
            Objects.requireNonNull(commandType, "commandType can't be null");
            input = Mappings.orEmpty(input);
            retry = retry == null ? RetryPolicy.DEFAULT : retry;
        }

        @Override
        public Optional<Compensation> compensation() {
            return Optional.ofNullable(undo);
        }

        @Override
        public String label() {
            return "task";
        }
    }

    /**
     * A map step (dynamic fan-out): sends one command per element of a JSON array to a participant, at most
     * {@code concurrency} at a time, and completes with the array of their outputs in element order. Each element is
     * attempted, retried and timed out on its own; {@code ${item}} and {@code ${index}} name the element and its
     * position in {@code input} and in the compensation's input. The first element that fails for good fails the step;
     * the compensation then undoes exactly the elements that completed, in reverse index order.
     *
     * @param items           a template that resolves to the array to map over ({@code ${input.lines}})
     * @param concurrency     how many elements may be in flight at once; null for {@link #DEFAULT_CONCURRENCY}
     * @param participant     the service that receives each element's command
     * @param commandType     the command type the participant handles
     * @param input           the input mapping of one element's command
     * @param retry           retry policy of each element
     * @param responseTimeout how long one element attempt may go unanswered, or null for no limit
     * @param timeout         how long the whole step may take, or null for no limit
     * @param undo            the compensation of one completed element, or null
     */
    record ForEach(String items, Integer concurrency, String participant, String commandType, JsonNode input,
                   RetryPolicy retry, Duration responseTimeout, Duration timeout, Compensation undo)
            implements StepKind {
        /** The concurrency of a map step that gives none. */
        public static final int DEFAULT_CONCURRENCY = 10;

        public ForEach {
            Objects.requireNonNull(items, "items can't be null");
            Objects.requireNonNull(participant, "participant can't be null");
            Objects.requireNonNull(commandType, "commandType can't be null");
            concurrency = concurrency == null ? DEFAULT_CONCURRENCY : concurrency;
            input = Mappings.orEmpty(input);
            retry = retry == null ? RetryPolicy.DEFAULT : retry;
        }

        @Override
        public Optional<Compensation> compensation() {
            return Optional.ofNullable(undo);
        }

        @Override
        public String label() {
            return "map";
        }
    }

    /**
     * Publishes one record to a topic in the orchestrator's own transaction, so it is written exactly once with the
     * saga's progress; the step completes as it is published, with {@code {"topic", "key"}} as its output. Nothing
     * undoes a published record: a step after it that fails compensates the steps before it, not this one.
     *
     * @param topic   the topic, a literal name
     * @param key     a template for the record key (a string with {@code ${...}} references), or null for none
     * @param value   the value mapping; the record's value is its resolution, written as JSON
     * @param headers header templates by header name; empty for none
     */
    record Publish(String topic, String key, JsonNode value, Map<String, String> headers) implements StepKind {
        public Publish {
            Objects.requireNonNull(topic, "topic can't be null");
            value = Mappings.orEmpty(value);
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        @Override
        public String label() {
            return "publish";
        }
    }

    /**
     * Waits for a fixed duration, durably (the timer survives restarts).
     *
     * @param duration how long to wait
     */
    record Wait(Duration duration) implements StepKind {
        public Wait {
            Objects.requireNonNull(duration, "duration can't be null");
        }

        @Override
        public String label() {
            return "wait";
        }
    }

    /**
     * Waits until an external event of a type arrives for this saga. The event's payload becomes the step output.
     *
     * @param eventType      the event type to wait for
     * @param correlationKey an expression for the key the event must carry, or null to accept any event of the type
     * @param timeout        how long to wait before the step fails, or null to wait without limit
     */
    record AwaitEvent(String eventType, String correlationKey, Duration timeout) implements StepKind {
        public AwaitEvent {
            Objects.requireNonNull(eventType, "eventType can't be null");
        }

        @Override
        public String label() {
            return "event";
        }
    }

    /**
     * Runs a child saga; its outcome is this step's outcome (its output on completion, a failure otherwise).
     *
     * @param definition the child's definition name
     * @param version    the child's definition version, or null for the newest at the time the child starts
     * @param input      the input mapping of the child saga
     * @param timeout    how long the child may run before the step fails, or null for no limit
     * @param undo       the compensation, or null
     */
    record SubSaga(String definition, Integer version, JsonNode input, Duration timeout, Compensation undo)
            implements StepKind {
        public SubSaga {
            Objects.requireNonNull(definition, "definition can't be null");
            input = Mappings.orEmpty(input);
        }

        @Override
        public Optional<Compensation> compensation() {
            return Optional.ofNullable(undo);
        }

        @Override
        public String label() {
            return "saga";
        }
    }

    /**
     * Ends the saga when reached: {@link Outcome#COMPLETED} skips every step not yet started and completes the saga
     * (with {@code output} as its output when given); {@link Outcome#FAILED} fails it with {@code reason}.
     *
     * @param outcome how the saga ends
     * @param output  the output mapping of the saga, or null to use the saga's own
     * @param reason  the failure reason for {@link Outcome#FAILED}, or null
     */
    record Terminate(Outcome outcome, JsonNode output, String reason) implements StepKind {
        /** How a terminate step ends its saga. */
        public enum Outcome { COMPLETED, FAILED }

        public Terminate {
            Objects.requireNonNull(outcome, "outcome can't be null");
            output = Mappings.copyOrNull(output);
        }

        @Override
        public String label() {
            return "terminate";
        }
    }
}
