package dev.skald.schemas.internal;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the Avro binary body.
 */
public final class WireFormat {

    /** The first byte of every framed record. */
    public static final byte MAGIC = 0;
    /** Magic byte and schema id. */
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** The {@link #HEADER_SIZE} bytes that precede a body written with this schema id. */
    public static byte[] header(int schemaId) {
        return new byte[] {MAGIC, (byte) (schemaId >>> 24), (byte) (schemaId >>> 16), (byte) (schemaId >>> 8),
            (byte) schemaId};
    }

    /**
     * The schema id of a framed record.
     *
     * @throws SerializationException if the record is too short or does not start with the magic byte
     */
    public static int schemaId(byte[] data, int offset, int length, String topic) {
        if (length < HEADER_SIZE) {
            throw new SerializationException("Record of topic '" + topic + "' is not Confluent-framed Avro: "
                    + length + " bytes, fewer than the " + HEADER_SIZE + " of magic byte and schema id");
        }
        if (data[offset] != MAGIC) {
            throw new SerializationException(String.format("Record of topic '%s' is not Confluent-framed Avro: "
                    + "magic byte 0x%02x, expected 0x00", topic, data[offset] & 0xff));
        }
        return ((data[offset + 1] & 0xff) << 24) | ((data[offset + 2] & 0xff) << 16)
                | ((data[offset + 3] & 0xff) << 8) | (data[offset + 4] & 0xff);
    }
}
