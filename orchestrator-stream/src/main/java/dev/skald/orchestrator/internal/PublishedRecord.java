package dev.skald.orchestrator.internal;

import dev.skald.saga.machine.Command;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * What a publish step writes: its value as JSON bytes, bound for its topic. The sink takes the topic from here and
 * writes the bytes as they are.
 *
 * @param topic the topic
 * @param value the value, JSON in UTF-8
 */
record PublishedRecord(String topic, byte[] value) {
    /** The header naming the saga a published record comes from. */
    static final String SAGA_HEADER = "skald.saga-id";
    /** The header carrying the publish step's command id, for consumers that dedupe. */
    static final String COMMAND_HEADER = "skald.command-id";

    static final Serializer<PublishedRecord> SERIALIZER = (topic, record) -> record == null ? null : record.value();
    static final TopicNameExtractor<String, PublishedRecord> TOPIC = (key, record, context) -> record.topic();

    static PublishedRecord of(Command.Publish command) {
        return new PublishedRecord(command.topic(), JsonText.write(command.value()).getBytes(StandardCharsets.UTF_8));
    }

    /** The record's headers: the step's own, then the saga id and the command id. */
    static Headers headers(Command.Publish command) {
        Headers headers = new RecordHeaders();
        command.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        headers.add(SAGA_HEADER, command.sagaId().getBytes(StandardCharsets.UTF_8));
        headers.add(COMMAND_HEADER, command.commandId().getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
