package dev.skald.orchestrator.internal;

import dev.skald.schemas.DeadLetterKind;
import dev.skald.schemas.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' exception handlers for the saga topology: the last line behind the processor's own catch. Whatever
 * escapes processing, decoding or production of a record resumes processing with the record dead-lettered (in the
 * same transaction), so a poison record is never retried for ever. Configured by
 * {@link #configure(java.util.Properties, String)}.
 */
public final class ExceptionHandlers {
    /** The Streams property that names the dead-letter topic for these handlers. */
    static final String DEAD_LETTER_TOPIC = "skald.dead-letter-topic";
    private static final Logger LOG = LoggerFactory.getLogger(ExceptionHandlers.class);

    private ExceptionHandlers() {
    }

    /** Sets the three handlers, and the dead-letter topic they write to, in Kafka Streams properties. */
    public static void configure(java.util.Properties streams, String deadLetterTopic) {
        streams.put(org.apache.kafka.streams.StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                Processing.class.getName());
        streams.put(org.apache.kafka.streams.StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                Production.class.getName());
        streams.put(org.apache.kafka.streams.StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                Deserialization.class.getName());
        streams.put(DEAD_LETTER_TOPIC, deadLetterTopic);
    }

    /** A dead letter of the record a handler was given, for its dead-letter topic. */
    static ProducerRecord<byte[], byte[]> deadLetter(String topic, ErrorHandlerContext context, byte[] key,
                                                     byte[] value, Headers headers, DeadLetterKind kind,
                                                     Exception error) {
        String text = key == null ? null : new String(key, StandardCharsets.UTF_8);
        DeadLetter.Builder builder = DeadLetter.of(kind, error.toString())
                .record(text, value, headers == null ? null : headers.toArray()).cause(error);
        if (context.topic() != null) {
            builder.origin(context.topic(), context.partition(), context.offset());
        }
        DeadLetter letter = builder.build();
        return new ProducerRecord<>(topic, null, context.timestamp() < 0 ? null : context.timestamp(),
                letter.key() == null ? null : letter.key().getBytes(StandardCharsets.UTF_8), letter.value(),
                letter.headers());
    }

    private static String topic(Map<String, ?> configs) {
        Object topic = configs.get(DEAD_LETTER_TOPIC);
        if (topic == null) {
            throw new IllegalStateException(DEAD_LETTER_TOPIC + " is not set: configure the handlers with "
                    + "ExceptionHandlers.configure");
        }
        return topic.toString();
    }

    /** An exception escaped a processor: dead-letter the source record and go on. */
    public static final class Processing implements ProcessingExceptionHandler {
        private String topic;

        @Override
        public void configure(Map<String, ?> configs) {
            topic = topic(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            LOG.error("processing a record of {}-{} at offset {} failed; dead-lettering it", context.topic(),
                    context.partition(), context.offset(), exception);
            return Response.resume(List.of(deadLetter(topic, context, context.sourceRawKey(),
                    context.sourceRawValue(), context.headers(), DeadLetterKind.PROCESSING_ERROR, exception)));
        }
    }

    /** A source record could not be deserialized: dead-letter it and go on. */
    public static final class Deserialization implements DeserializationExceptionHandler {
        private String topic;

        @Override
        public void configure(Map<String, ?> configs) {
            topic = topic(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                    Exception exception) {
            LOG.error("a record of {}-{} at offset {} cannot be deserialized; dead-lettering it", record.topic(),
                    record.partition(), record.offset(), exception);
            return Response.resume(List.of(deadLetter(topic, context, record.key(), record.value(),
                    record.headers(), DeadLetterKind.UNDECODABLE, exception)));
        }
    }

    /**
     * A record the topology wrote could not be produced. One too large for the broker, or one that cannot be
     * serialized, is dead-lettered (cut to fit) and processing goes on; any other failure (the broker unreachable,
     * the producer fenced) fails the task as usual, since retrying it is right.
     */
    public static final class Production implements ProductionExceptionHandler {
        private String topic;

        @Override
        public void configure(Map<String, ?> configs) {
            topic = topic(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                    Exception exception) {
            if (!(exception instanceof RecordTooLargeException)) {
                return Response.fail();
            }
            LOG.error("a record for {} is too large to produce; dead-lettering it", record.topic(), exception);
            return Response.resume(List.of(deadLetter(topic, context, record.key(), record.value(),
                    record.headers(), DeadLetterKind.PRODUCTION_ERROR, exception)));
        }

        @Override
        public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record,
                                                 Exception exception, SerializationExceptionOrigin origin) {
            LOG.error("a record for {} cannot be serialized ({}); dead-lettering its source record", record.topic(),
                    origin, exception);
            return Response.resume(List.of(deadLetter(topic, context, context.sourceRawKey(),
                    context.sourceRawValue(), context.headers(), DeadLetterKind.PRODUCTION_ERROR, exception)));
        }
    }
}
