package dev.skald.participant.jq;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.participant.Participant;
import dev.skald.participant.ParticipantConfig;
import dev.skald.participant.jq.internal.JqCommandHandler;
import dev.skald.saga.definition.JqStep;

/**
 * Starts the executor of jq steps: a participant named {@value JqStep#PARTICIPANT} that runs each command's jq query
 * on the command's input and replies {@code {"result": <first result or null>, "resultList": [<every result>]}}.
 *
 * <pre>{@code
 * Participant jq = JqTasks.start(ParticipantConfig.builder(bootstrap).build());
 * }</pre>
 *
 * <p>A query that does not compile, fails on its input ({@code error("...")}, a type error), recurses without end or
 * yields more than {@value JqCommandHandler#MAX_RESULTS} results fails the step without retry: the same query on
 * the same input would fail again. A query that runs past the participant's {@code handler.timeout}
 * ({@code range(1e18)}) is stopped there and answered as a retriable failure, as every handler that overruns its
 * deadline; the step's retry policy bounds how often it runs.
 */
public final class JqTasks {
    private JqTasks() {
    }

    /** Starts the executor with {@code config} (its name and topics). */
    public static Participant start(ParticipantConfig config) {
        return Participant.named(JqStep.PARTICIPANT).config(config)
                .handle(JqStep.COMMAND, JsonNode.class, new JqCommandHandler())
                .start();
    }
}
