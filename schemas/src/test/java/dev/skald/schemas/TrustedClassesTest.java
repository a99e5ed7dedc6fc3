package dev.skald.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skald.avro.SagaStart;
import dev.skald.avro.example.OrderPlaced;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.junit.jupiter.api.Test;

/** Avro 1.12 loads generated classes by name only if trusted; the serdes make Skald's trusted without a property. */
class TrustedClassesTest {

    @Test
    void avroRefusesGeneratedClassesUnlessTrusted() throws IOException {
        byte[] body = avroBody(WireSamples.sagaStart());
        ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
        try {
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.DEFAULT);

            assertThatThrownBy(() -> readWithFreshModel(body))
                    .isInstanceOf(SecurityException.class).hasMessageContaining("dev.skald.avro.SagaStart");
        } finally {
            ClassSecurityValidator.setGlobal(before);
        }
    }

    @Test
    void serdesTrustSkaldsGeneratedClassesWithoutASystemProperty() throws IOException {
        assertThat(System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES")).isNull();
        ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
        try {
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.DEFAULT);

            AvroSerdes.of(OrderPlaced.class, Scopes.freshConfig());

            assertThat(ClassSecurityValidator.getGlobal().isTrusted(OrderPlaced.class)).isTrue();
            assertThat(ClassSecurityValidator.getGlobal().isTrusted(SagaStart.class)).isTrue();
            assertThat(ClassSecurityValidator.getGlobal().isTrusted(java.io.File.class)).isFalse();
            assertThat(readWithFreshModel(avroBody(WireSamples.sagaStart()))).isEqualTo(WireSamples.sagaStart());
        } finally {
            ClassSecurityValidator.setGlobal(before);
        }
    }

    private static byte[] avroBody(SagaStart start) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(SagaStart.class).write(start, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** A new SpecificData has no class cache, so it asks the validator. */
    private static SagaStart readWithFreshModel(byte[] body) throws IOException {
        SpecificData model = new SpecificData();
        model.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.TimestampMillisConversion());
        return new SpecificDatumReader<SagaStart>(SagaStart.getClassSchema(), SagaStart.getClassSchema(), model)
                .read(null, DecoderFactory.get().binaryDecoder(body, null));
    }
}
