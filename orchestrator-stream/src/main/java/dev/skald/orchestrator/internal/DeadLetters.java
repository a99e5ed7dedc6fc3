package dev.skald.orchestrator.internal;

import dev.skald.schemas.DeadLetter;
import dev.skald.schemas.DeadLetterKind;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sends records that cannot be applied to the dead-letter topic: the original key and value bytes with headers
 * saying why and where they came from ({@link DeadLetter}, cut down to always fit). Written in the same
 * transaction as everything else.
 */
final class DeadLetters {
    private final ProcessorContext<String, Object> context;
    private final boolean sending;
    private final SagaMetrics metrics;

    /**
     * @param sending false in replay mode: the record is already in the dead-letter topic, so it is only counted
     */
    DeadLetters(ProcessorContext<String, Object> context, boolean sending, SagaMetrics metrics) {
        this.context = context;
        this.sending = sending;
        this.metrics = metrics;
    }

    void send(Record<String, byte[]> original, DeadLetterKind kind, String reason) {
        send(original, kind, reason, null);
    }

    void send(Record<String, byte[]> original, DeadLetterKind kind, String reason, Throwable error) {
        metrics.deadLetter(kind);
        if (!sending) {
            return;
        }
        DeadLetter.Builder builder = DeadLetter.of(kind, reason)
                .record(original.key(), original.value(), original.headers().toArray()).cause(error);
        context.recordMetadata().ifPresent(meta -> builder.origin(meta.topic(), meta.partition(), meta.offset()));
        DeadLetter letter = builder.build();
        context.forward(new Record<>(letter.key(), (Object) letter.value(), original.timestamp(), letter.headers()),
                Nodes.DEAD_LETTERS);
    }
}
