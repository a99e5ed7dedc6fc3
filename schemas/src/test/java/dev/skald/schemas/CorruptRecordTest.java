package dev.skald.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.skald.avro.SagaStateRecord;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Whatever arrives on a topic, the deserializer either reads a record or throws SerializationException. */
class CorruptRecordTest {

    private final AvroSerde<SagaStateRecord> serde = AvroSerdes.of(SagaStateRecord.class, Scopes.freshConfig());
    private final byte[] valid = serde.serialize("states", WireSamples.sagaStateRecord());

    @Test
    void refusesAWrongMagicByte() {
        byte[] bytes = valid.clone();
        bytes[0] = 1;

        assertThatThrownBy(() -> serde.deserialize("states", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("magic byte 0x01").hasMessageContaining("'states'");
    }

    @Test
    void refusesARecordShorterThanTheHeader() {
        assertThatThrownBy(() -> serde.deserialize("states", new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("3 bytes");
        assertThatThrownBy(() -> serde.deserialize("states", new byte[0]))
                .isInstanceOf(SerializationException.class).hasMessageContaining("0 bytes");
    }

    @Test
    void refusesAnUnknownSchemaId() {
        byte[] bytes = valid.clone();
        ByteBuffer.wrap(bytes).putInt(1, 4242);

        assertThatThrownBy(() -> serde.deserialize("states", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id 4242").hasMessageContaining("mock://")
                .hasCauseInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    void refusesATruncatedBody() {
        for (int length = 5; length < valid.length; length++) {
            byte[] truncated = Arrays.copyOf(valid, length);

            assertThatThrownBy(() -> serde.deserialize("states", truncated))
                    .as("truncated to %d of %d bytes", length, valid.length)
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("SagaStateRecord");
        }
    }

    @Test
    void refusesBytesAfterTheBody() {
        byte[] longer = Arrays.copyOf(valid, valid.length + 2);

        assertThatThrownBy(() -> serde.deserialize("states", longer))
                .isInstanceOf(SerializationException.class).hasMessageContaining("2 bytes after");
    }

    @Test
    void refusesAHugeLengthWithoutAllocatingIt() {
        byte[] bytes = Arrays.copyOf(valid, 10);
        // The first field, sagaId, is a string: its length becomes 2^31 - 1 (zig-zag varint), then nothing follows.
        byte[] hugeLength = {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
        System.arraycopy(hugeLength, 0, bytes, 5, hugeLength.length);

        assertThatThrownBy(() -> serde.deserialize("states", bytes)).isInstanceOf(SerializationException.class);
    }

    @Test
    void neverThrowsAnythingButSerializationExceptionOnRandomDamage() {
        Random random = new Random(20261126L);
        int read = 0;
        for (int i = 0; i < 5_000; i++) {
            byte[] damaged = valid.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                int at = 5 + random.nextInt(damaged.length - 5);
                damaged[at] = (byte) random.nextInt(256);
            }

            Throwable thrown = catchThrowable(() -> serde.deserialize("states", damaged));

            if (thrown == null) {
                read++;
            } else {
                assertThat(thrown).as("damage #%d", i).isInstanceOf(SerializationException.class);
            }
        }
        assertThat(read).as("some damage lands in string contents and still reads").isPositive();
    }
}
