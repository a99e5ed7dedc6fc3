package dev.skald.orchestrator.internal;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Sends records that cannot be applied to the dead-letter topic: the original key and value bytes, untouched, with
 * headers saying why and where they came from. Written in the same transaction as everything else.
 */
final class DeadLetters {
    static final String REASON = "skald.dlq.reason";
    static final String KIND = "skald.dlq.kind";
    static final String TOPIC = "skald.dlq.topic";
    static final String PARTITION = "skald.dlq.partition";
    static final String OFFSET = "skald.dlq.offset";
    static final String SAGA = "skald.dlq.saga-id";

    /** Why a record went to the dead-letter topic. */
    enum Kind { UNDECODABLE, UNKNOWN_DEFINITION, UNKNOWN_SAGA, REJECTED, TOO_LARGE }

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
        metrics.deadLetter(kind);
        if (!sending) {
            return;
        }
        Headers headers = new RecordHeaders(original.headers().toArray());
        put(headers, KIND, kind.name());
        put(headers, REASON, reason);
        context.recordMetadata().ifPresent(meta -> origin(headers, meta));
        if (original.key() != null) {
            put(headers, SAGA, original.key());
        }
        context.forward(new Record<>(original.key(), (Object) original.value(), original.timestamp(), headers),
                Nodes.DEAD_LETTERS);
    }

    private static void origin(Headers headers, RecordMetadata meta) {
        put(headers, TOPIC, meta.topic());
        put(headers, PARTITION, Integer.toString(meta.partition()));
        put(headers, OFFSET, Long.toString(meta.offset()));
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
