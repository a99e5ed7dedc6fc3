package dev.skald.orchestrator.internal;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Sends records that cannot be applied to the dead-letter topic: the original key and value bytes with headers
 * saying why and where they came from ({@link DeadLetterRecord}, cut down to always fit). Written in the same
 * transaction as everything else.
 */
final class DeadLetters {
    static final String REASON = DeadLetterRecord.REASON;
    static final String KIND = DeadLetterRecord.KIND;

    /** Why a record went to the dead-letter topic. */
    enum Kind {
        /** Not a record of the topic's schema, or not valid JSON where JSON is expected. */
        UNDECODABLE,
        /** Decoded, but a field breaks its rule (an identifier, a bound). */
        INVALID,
        /** Starts or runs a definition this instance does not have. */
        UNKNOWN_DEFINITION,
        /** Concerns a saga that does not exist. */
        UNKNOWN_SAGA,
        /** The saga's state machine refused it (a late reply, a duplicate start...). */
        REJECTED,
        /** It would make a saga's state, or a record, larger than the limits. */
        TOO_LARGE,
        /** Processing it failed in a way nobody foresaw (a bug): the stack summary says where. */
        PROCESSING_ERROR,
        /** A record the topology wrote could not be produced (too large for the broker, unserializable). */
        PRODUCTION_ERROR
    }

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

    void send(Record<String, byte[]> original, Kind kind, String reason) {
        send(original, kind, reason, null);
    }

    void send(Record<String, byte[]> original, Kind kind, String reason, Throwable error) {
        metrics.deadLetter(kind);
        if (!sending) {
            return;
        }
        DeadLetterRecord.Origin origin = context.recordMetadata().map(DeadLetters::origin).orElse(null);
        DeadLetterRecord letter = DeadLetterRecord.of(original.key(), original.value(), original.headers().toArray(),
                kind, reason, origin, error);
        context.forward(new Record<>(letter.key(), (Object) letter.value(), original.timestamp(), letter.headers()),
                Nodes.DEAD_LETTERS);
    }

    private static DeadLetterRecord.Origin origin(RecordMetadata meta) {
        return new DeadLetterRecord.Origin(meta.topic(), meta.partition(), meta.offset());
    }
}
