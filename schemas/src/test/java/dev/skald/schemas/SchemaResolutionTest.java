package dev.skald.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skald.avro.CommandKind;
import dev.skald.avro.ReplyOutcome;
import dev.skald.avro.SagaReply;
import dev.skald.avro.SagaStart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Records written by other versions of a schema, read through the registry's writer schema. */
class SchemaResolutionTest {

    private final String url = Scopes.freshUrl();
    private final SchemaRegistry registry = SchemaRegistries.create(url, Map.of());

    @Test
    void readsARecordWrittenBeforeAFieldWithDefaultWasAdded() {
        Schema older = withoutField(SagaStart.getClassSchema(), "idempotencyKey");
        GenericRecord old = new GenericData.Record(older);
        old.put("sagaId", "order-1");
        old.put("definition", "order");
        old.put("version", 3);
        old.put("input", "{\"sku\":\"A-1\"}");
        old.put("correlationKey", "cart-9");
        old.put("requestedAt", WireSamples.T0.toEpochMilli());
        byte[] bytes = frame(registry.register("starts-value", older), old);

        SagaStart read = AvroSerdes.of(SagaStart.class, registry).deserialize("starts", bytes);

        assertThat(read.getSagaId()).isEqualTo("order-1");
        assertThat(read.getCorrelationKey()).isEqualTo("cart-9");
        assertThat(read.getRequestedAt()).isEqualTo(WireSamples.T0);
        assertThat(read.getIdempotencyKey()).isNull();
    }

    @Test
    void readsARecordOfANewerWriterIgnoringItsNewFieldAndMappingUnknownSymbolsToUnknown() {
        Schema newerOutcome = Schema.createEnum("ReplyOutcome", null, "dev.skald.avro",
                List.of("SUCCESS", "BUSINESS_FAILURE", "RETRIABLE_FAILURE", "UNKNOWN", "TIMED_OUT"), "UNKNOWN");
        Schema newer = withField(replaceFieldType(SagaReply.getClassSchema(), "outcome", newerOutcome),
                new Schema.Field("region", Schema.create(Schema.Type.STRING), "added later", "eu"));
        GenericRecord reply = new GenericData.Record(newer);
        reply.put("commandId", "order-1:charge:1:ACTION");
        reply.put("sagaId", "order-1");
        reply.put("stepId", "charge");
        reply.put("attempt", 1);
        reply.put("kind", new GenericData.EnumSymbol(CommandKind.getClassSchema(), "ACTION"));
        reply.put("outcome", new GenericData.EnumSymbol(newerOutcome, "TIMED_OUT"));
        reply.put("repliedAt", WireSamples.T0.toEpochMilli());
        reply.put("region", "us");
        byte[] bytes = frame(registry.register("replies-value", newer), reply);

        SagaReply read = AvroSerdes.of(SagaReply.class, registry).deserialize("replies", bytes);

        assertThat(read.getOutcome()).isEqualTo(ReplyOutcome.UNKNOWN);
        assertThat(read.getKind()).isEqualTo(CommandKind.ACTION);
        assertThat(read.getStepId()).isEqualTo("charge");
        assertThat(read.getRepliedAt()).isEqualTo(WireSamples.T0);
    }

    @Test
    void refusesARecordOfAnotherTypeNamingBoth() {
        byte[] reply = AvroSerdes.of(SagaReply.class, registry).serialize("mixed", WireSamples.sagaReply());

        assertThatThrownBy(() -> AvroSerdes.of(SagaStart.class, registry).deserialize("mixed", reply))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("dev.skald.avro.SagaReply")
                .hasMessageContaining("dev.skald.avro.SagaStart")
                .hasMessageContaining("'mixed'");
    }

    @Test
    void refusesAnOlderWriterLackingAFieldWithoutDefault() {
        Schema older = withoutField(SagaStart.getClassSchema(), "input");
        GenericRecord old = new GenericData.Record(older);
        old.put("sagaId", "order-1");
        old.put("definition", "order");
        old.put("requestedAt", WireSamples.T0.toEpochMilli());
        byte[] bytes = frame(registry.register("legacy-value", older), old);

        assertThatThrownBy(() -> AvroSerdes.of(SagaStart.class, registry).deserialize("legacy", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE")
                .hasMessageContaining("input");
    }

    static byte[] frame(int id, GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    static Schema withoutField(Schema schema, String name) {
        List<Schema.Field> fields = schema.getFields().stream().filter(f -> !f.name().equals(name))
                .map(SchemaResolutionTest::copy).toList();
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    static Schema withField(Schema schema, Schema.Field extra) {
        List<Schema.Field> fields = new ArrayList<>(schema.getFields().stream()
                .map(SchemaResolutionTest::copy).toList());
        fields.add(extra);
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static Schema replaceFieldType(Schema schema, String name, Schema type) {
        List<Schema.Field> fields = schema.getFields().stream()
                .map(f -> f.name().equals(name) ? new Schema.Field(f.name(), type, f.doc(), (Object) null)
                        : copy(f))
                .toList();
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static Schema.Field copy(Schema.Field field) {
        return new Schema.Field(field, field.schema());
    }
}
