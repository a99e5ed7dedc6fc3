package dev.skald.schemas;

import dev.skald.schemas.internal.TrustedClasses;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Factories of configured {@link AvroSerde}s.
 *
 * <pre>{@code
 * Map<String, Object> config = Map.of("schema.registry.url", "mock://skald");
 * Serde<SagaStart> starts = AvroSerdes.of(SagaStart.class, config);
 * }</pre>
 */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /**
     * A serde of record values of {@code type}, configured from the keys of {@link AvroSerdeConfig}
     * ({@code schema.registry.url} is required).
     */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type, Map<String, ?> config) {
        return configured(type, config, false);
    }

    /** A serde of record keys of {@code type} (subject {@code <topic>-key}), configured like {@link #of}. */
    public static <T extends SpecificRecord> AvroSerde<T> ofKeys(Class<T> type, Map<String, ?> config) {
        return configured(type, config, true);
    }

    /** A serde of record values of {@code type} on this registry, registering its schema automatically. */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type, SchemaRegistry registry) {
        return new AvroSerde<>(type, registry);
    }

    /**
     * Lets Avro load the generated classes of this type (the record and every named type in its schema) despite
     * Avro 1.12's trusted-packages check. {@link AvroSerde} does it on its own; call this before using another
     * serde, such as Confluent's {@code KafkaAvroSerde} with {@code specific.avro.reader=true}, on classes outside
     * {@code dev.skald.avro} (those of {@code dev.skald.avro} are trusted as soon as this class is used), or set the
     * system property {@code org.apache.avro.SERIALIZABLE_PACKAGES}.
     */
    public static void trust(Class<? extends SpecificRecord> type) {
        Objects.requireNonNull(type, "type can't be null");
        TrustedClasses.trust(SpecificData.getForClass(type).getSchema(type));
    }

    private static <T extends SpecificRecord> AvroSerde<T> configured(Class<T> type, Map<String, ?> config,
                                                                       boolean isKey) {
        Objects.requireNonNull(config, "config can't be null");
        AvroSerde<T> serde = new AvroSerde<>(type);
        serde.configure(config, isKey);
        return serde;
    }
}
