package dev.skald.participant.internal;

import dev.skald.participant.Reply;
import dev.skald.saga.machine.CommandId;
import dev.skald.schemas.CommandKinds;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Replies sent after their command's transaction: the outcome of a long-running task, and its heartbeats. They go
 * out at least once (an idempotent producer, waiting for the broker's acknowledgement); the orchestrator applies the
 * first outcome of an attempt and records a repeated one as ignored, so sending one twice is harmless. The producer is
 * created on first use, so participants without long-running tasks hold none.
 */
final class LateReplies implements AutoCloseable {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final String participant;
    private final ReplyEncoder encoder;
    private final Supplier<Producer<byte[], byte[]>> producers;
    private Producer<byte[], byte[]> producer;

    LateReplies(String participant, ReplyEncoder encoder, Supplier<Producer<byte[], byte[]>> producers) {
        this.participant = participant;
        this.encoder = encoder;
        this.producers = producers;
    }

    /**
     * Sends the reply of the command with this id.
     *
     * @throws IllegalArgumentException when {@code commandId} is not an action's or compensation's command id
     * @throws IllegalStateException    when the broker did not take it in time
     */
    void send(String commandId, Reply reply) {
        CommandId id = CommandId.parse(commandId).orElseThrow(() -> new IllegalArgumentException(
                "'" + commandId + "' is not a command id (sagaId:stepId:attempt:action|compensation)"));
        ReplyEncoder.Encoded encoded = encoder.encode(new ReplyEncoder.Answering(commandId, id.sagaId(), id.stepId(),
                id.attempt(), CommandKinds.toWire(id.kind()), "step " + id.stepId()), reply);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(encoder.topic(),
                id.sagaId().getBytes(java.nio.charset.StandardCharsets.UTF_8), encoded.bytes());
        try {
            producer().send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(participant + ": interrupted while sending the reply of " + commandId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(participant + ": the reply of " + commandId + " was not sent: " + e, e);
        }
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = producers.get();
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
