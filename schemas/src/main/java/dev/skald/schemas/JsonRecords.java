package dev.skald.schemas;

import dev.skald.schemas.internal.PlainJson;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Skald's plain JSON encoding of its records, for participants and producers that have a Kafka client but no Avro
 * library (docs/protocol.md, "JSON encoding").
 *
 * <p>A record is a JSON object with the fields of its Avro schema by name: a nullable field is {@code null} or its
 * value (no union wrapping), an enum is its symbol, a timestamp is a number of milliseconds since the epoch. Every
 * {@link AvroSerde} reads such values as well as framed Avro (a JSON value starts with <code>{</code>, a framed one
 * with the byte 0); when reading, a missing field with a default takes it, unknown fields are ignored, and a string
 * field given another JSON value (an object for {@code payload} or {@code output}, say) holds that value's JSON text.
 */
public final class JsonRecords {

    private JsonRecords() {
    }

    /** The UTF-8 JSON text of a record. */
    public static byte[] write(SpecificRecord record) {
        return PlainJson.write(Objects.requireNonNull(record, "record can't be null"));
    }

    /** A serializer that writes records as JSON whatever the topic ({@code null} stays {@code null}). */
    public static <T extends SpecificRecord> Serializer<T> serializer() {
        return (topic, record) -> record == null ? null : write(record);
    }
}
