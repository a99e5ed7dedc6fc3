package dev.skald.participant.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skald.avro.CommandKind;
import dev.skald.avro.ReplyOutcome;
import dev.skald.avro.SagaReply;
import dev.skald.participant.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Turns a handler's {@link Reply} into the {@code SagaReply} record: the output as JSON within
 * {@code max.reply.bytes} (else a business failure saying so), errors cut to a readable length.
 */
final class ReplyEncoder {
    private static final int MAX_ERROR_CHARS = 2_000;

    /** Which command a reply answers. */
    record Answering(String commandId, String sagaId, String stepId, int attempt, CommandKind kind, String what) {
    }

    /**
     * An encoded reply.
     *
     * @param outcome the outcome it carries
     * @param bytes   the serialized record
     */
    record Encoded(ReplyOutcome outcome, byte[] bytes) {
    }

    private final Serializer<SagaReply> replies;
    private final String repliesTopic;
    private final ObjectMapper json;
    private final Clock clock;
    private final int maxReplyBytes;

    ReplyEncoder(Serializer<SagaReply> replies, String repliesTopic, ObjectMapper json, Clock clock, int maxReplyBytes) {
        this.replies = replies;
        this.repliesTopic = repliesTopic;
        this.json = json;
        this.clock = clock;
        this.maxReplyBytes = maxReplyBytes;
    }

    String topic() {
        return repliesTopic;
    }

    Encoded encode(Answering command, Reply reply) {
        ReplyOutcome outcome;
        String output = null;
        String error = null;
        if (reply instanceof Reply.Success success) {
            outcome = ReplyOutcome.SUCCESS;
            try {
                output = json.writeValueAsString(success.output());
            } catch (JsonProcessingException e) {
                outcome = ReplyOutcome.BUSINESS_FAILURE;
                error = "the output of " + command.what() + " cannot be written as JSON: " + e.getOriginalMessage();
            }
            if (output != null && output.getBytes(StandardCharsets.UTF_8).length > maxReplyBytes) {
                outcome = ReplyOutcome.BUSINESS_FAILURE;
                error = "the output of " + command.what() + " is " + output.getBytes(StandardCharsets.UTF_8).length
                        + " bytes of JSON, more than max.reply.bytes (" + maxReplyBytes + ")";
                output = null;
            }
        } else if (reply instanceof Reply.Failure failure) {
            outcome = ReplyOutcome.BUSINESS_FAILURE;
            error = failure.error();
        } else if (reply instanceof Reply.Retry retry) {
            outcome = ReplyOutcome.RETRIABLE_FAILURE;
            error = retry.error();
        } else {
            outcome = ReplyOutcome.IN_PROGRESS;
        }
        SagaReply record = SagaReply.newBuilder()
                .setCommandId(command.commandId()).setSagaId(command.sagaId()).setStepId(command.stepId())
                .setAttempt(command.attempt()).setKind(command.kind()).setOutcome(outcome)
                .setOutput(output).setError(truncate(error)).setRepliedAt(clock.instant())
                .build();
        return new Encoded(outcome, replies.serialize(repliesTopic, record));
    }

    static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS) + "...";
    }
}
