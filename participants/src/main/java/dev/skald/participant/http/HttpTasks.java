package dev.skald.participant.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.participant.Participant;
import dev.skald.participant.ParticipantConfig;
import dev.skald.participant.http.internal.HttpCommandHandler;
import dev.skald.saga.definition.HttpStep;

/**
 * Starts the executor of {@code http} steps: a participant named {@value HttpStep#PARTICIPANT} that makes each
 * command's HTTP call and replies with the response.
 *
 * <pre>{@code
 * Participant http = HttpTasks.start(ParticipantConfig.builder(bootstrap).build(), HttpTaskSettings.defaults());
 * }</pre>
 *
 * <p>What it guarantees: a call is made at least once per attempt (a crash between the call and the reply makes it
 * again), always with the header {@code Idempotency-Key: <command id>}, so a server that honours the header applies
 * it once; the reply is written exactly once. Status codes in the request's {@code successCodes} complete the step
 * with {@code {"status", "headers", "body"}}; 408, 425, 429, 5xx, timeouts and connection errors are retried under
 * the step's retry policy; any other status fails the step (and the saga compensates).
 */
public final class HttpTasks {
    private HttpTasks() {
    }

    /** Starts the executor with {@code config} (its name and topics) and {@code settings}. */
    public static Participant start(ParticipantConfig config, HttpTaskSettings settings) {
        return Participant.named(HttpStep.PARTICIPANT).config(config)
                .handle(HttpStep.COMMAND, JsonNode.class, new HttpCommandHandler(settings))
                .start();
    }
}
