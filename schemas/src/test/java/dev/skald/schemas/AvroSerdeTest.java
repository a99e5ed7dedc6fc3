package dev.skald.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skald.avro.SagaCommand;
import dev.skald.avro.SagaStart;
import dev.skald.avro.SagaStateRecord;
import dev.skald.avro.example.OrderPlaced;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeTest {

    private final String url = Scopes.freshUrl();
    private final Map<String, Object> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url);

    static Stream<Named<SpecificRecord>> samples() {
        return WireSamples.all().stream().map(r -> Named.of(r.getClass().getSimpleName(), r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void roundTripsEveryWireRecord(SpecificRecord sample) {
        AvroSerde<SpecificRecord> serde = serdeFor(sample);

        byte[] bytes = serde.serialize("wire", sample);

        SpecificRecord read = serde.deserialize("wire", bytes);
        assertThat(read).isEqualTo(sample).hasSameHashCodeAs(sample);
        assertThat(sample).isEqualTo(read);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void framesEveryRecordWithMagicByteAndRegisteredId(SpecificRecord sample) {
        AvroSerde<SpecificRecord> serde = serdeFor(sample);

        byte[] bytes = serde.serialize("wire", sample);

        int registeredId = SchemaRegistries.create(url, Map.of()).lookup("wire-value", sample.getSchema());
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registeredId);
    }

    @Test
    void keepsMoneyAsAnExactDecimal() {
        AvroSerde<OrderPlaced> serde = AvroSerdes.of(OrderPlaced.class, config);
        OrderPlaced order = WireSamples.orderPlaced();
        order.setAmount(new BigDecimal("0.10"));

        OrderPlaced read = serde.deserialize("orders", serde.serialize("orders", order));

        assertThat(read.getAmount()).isEqualTo(new BigDecimal("0.10")).hasScaleOf(2);
    }

    @Test
    void refusesADecimalOfAnotherScale() {
        AvroSerde<OrderPlaced> serde = AvroSerdes.of(OrderPlaced.class, config);
        OrderPlaced order = WireSamples.orderPlaced();
        order.setAmount(new BigDecimal("1.005"));

        assertThatThrownBy(() -> serde.serialize("orders", order))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("OrderPlaced").hasMessageContaining("'orders'").hasMessageContaining("scale");
    }

    @Test
    void refusesANullRequiredField() {
        AvroSerde<SagaStart> serde = AvroSerdes.of(SagaStart.class, config);
        SagaStart start = WireSamples.sagaStart();
        start.setInput(null);

        assertThatThrownBy(() -> serde.serialize("starts", start))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("SagaStart").hasMessageContaining("input");
    }

    @Test
    void registersUnderTopicValueSubjectOrTopicKeySubject() {
        SchemaRegistry registry = SchemaRegistries.create(url, Map.of());
        AvroSerdes.of(SagaStart.class, config).serialize("starts", WireSamples.sagaStart());
        AvroSerdes.ofKeys(SagaStart.class, config).serialize("keyed", WireSamples.sagaStart());

        assertThat(registry.lookup("starts-value", SagaStart.getClassSchema())).isPositive();
        assertThat(registry.lookup("keyed-key", SagaStart.getClassSchema())).isPositive();
        assertThatThrownBy(() -> registry.lookup("starts-key", SagaStart.getClassSchema()))
                .isInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    void withoutAutoRegistrationUsesTheIdRegisteredBeforehand() {
        Map<String, Object> noRegistration = new HashMap<>(config);
        noRegistration.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false");
        AvroSerde<SagaStart> serde = AvroSerdes.of(SagaStart.class, noRegistration);

        assertThatThrownBy(() -> serde.serialize("starts", WireSamples.sagaStart()))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("starts-value").hasMessageContaining(url);

        int id = SchemaRegistries.create(url, Map.of()).register("starts-value", SagaStart.getClassSchema());
        byte[] bytes = serde.serialize("starts", WireSamples.sagaStart());
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    void readsFromAByteBufferSliceWithoutCopying() {
        AvroSerde<SagaCommand> serde = AvroSerdes.of(SagaCommand.class, config);
        byte[] bytes = serde.serialize("commands", WireSamples.sagaCommand());
        byte[] padded = new byte[bytes.length + 7];
        System.arraycopy(bytes, 0, padded, 3, bytes.length);
        ByteBuffer slice = ByteBuffer.wrap(padded, 3, bytes.length).slice();

        SagaCommand read = serde.deserialize("commands", new RecordHeaders(), slice);

        assertThat(read).isEqualTo(WireSamples.sagaCommand());
        assertThat(slice.remaining()).isEqualTo(bytes.length);
        assertThat(serde.deserialize("commands", new RecordHeaders(), slice.asReadOnlyBuffer()))
                .isEqualTo(WireSamples.sagaCommand());
    }

    @Test
    void passesTombstonesThrough() {
        AvroSerde<SagaStart> serde = AvroSerdes.of(SagaStart.class, config);

        assertThat(serde.serialize("starts", null)).isNull();
        assertThat(serde.deserialize("starts", (byte[]) null)).isNull();
    }

    @Test
    void isItsOwnSerializerAndDeserializer() {
        AvroSerde<SagaStart> serde = AvroSerdes.of(SagaStart.class, config);

        byte[] bytes = serde.serializer().serialize("starts", WireSamples.sagaStart());

        assertThat(serde.deserializer().deserialize("starts", bytes)).isEqualTo(WireSamples.sagaStart());
        assertThat(serde.subject("starts")).isEqualTo("starts-value");
    }

    @Test
    void sharesSchemasWithEverySerdeOfTheSameMockScope() {
        byte[] bytes = AvroSerdes.of(SagaStart.class, config).serialize("starts", WireSamples.sagaStart());

        SagaStart read = AvroSerdes.of(SagaStart.class, config).deserialize("starts", bytes);

        assertThat(read).isEqualTo(WireSamples.sagaStart());
    }

    @Test
    void registersOncePerTopic() {
        AvroSerde<SagaStart> serde = AvroSerdes.of(SagaStart.class, config);

        byte[] first = serde.serialize("starts", WireSamples.sagaStart());
        byte[] second = serde.serialize("starts", WireSamples.sagaStartWithoutOptionals());

        assertThat(Arrays.copyOf(second, 5)).isEqualTo(Arrays.copyOf(first, 5));
    }

    @Test
    void servesManyThreadsAtOnce() throws Exception {
        AvroSerde<SagaStateRecord> serde = AvroSerdes.of(SagaStateRecord.class, config);
        SagaStateRecord state = WireSamples.sagaStateRecord();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String topic = "states-" + (t % 2);
                results.add(threads.submit(() -> {
                    int same = 0;
                    for (int i = 0; i < 2_000; i++) {
                        same += serde.deserialize(topic, serde.serialize(topic, state)).equals(state) ? 1 : 0;
                    }
                    return same;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(2_000);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void requiresARegistryUrl() {
        assertThatThrownBy(() -> AvroSerdes.of(SagaStart.class, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
        AvroSerde<SagaStart> unconfigured = new AvroSerde<>(SagaStart.class);
        assertThatThrownBy(() -> unconfigured.serialize("starts", WireSamples.sagaStart()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not configured");
    }

    @Test
    void supportsOnlyTheTopicNameStrategy() {
        Map<String, Object> other = new HashMap<>(config);
        other.put(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
                "io.confluent.kafka.serializers.subject.RecordNameStrategy");

        assertThatThrownBy(() -> AvroSerdes.of(SagaStart.class, other))
                .isInstanceOf(ConfigException.class).hasMessageContaining("value.subject.name.strategy");
        Map<String, Object> explicit = new HashMap<>(config);
        explicit.put(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, AvroSerdeConfig.TOPIC_NAME_STRATEGY);
        assertThat(AvroSerdes.of(SagaStart.class, explicit).subject("t")).isEqualTo("t-value");
    }

    @Test
    void ignoresKeysItDoesNotKnow() {
        Map<String, Object> streamsConfig = new HashMap<>(config);
        streamsConfig.put("bootstrap.servers", "localhost:9092");
        streamsConfig.put("processing.guarantee", "exactly_once_v2");

        AvroSerde<SagaStart> serde = AvroSerdes.of(SagaStart.class, streamsConfig);

        assertThat(serde.deserialize("s", serde.serialize("s", WireSamples.sagaStart())))
                .isEqualTo(WireSamples.sagaStart());
    }

    @SuppressWarnings("unchecked")
    private AvroSerde<SpecificRecord> serdeFor(SpecificRecord sample) {
        return AvroSerdes.of((Class<SpecificRecord>) sample.getClass(), config);
    }
}
