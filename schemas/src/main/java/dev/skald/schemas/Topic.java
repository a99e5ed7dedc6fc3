package dev.skald.schemas;

import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A topic with the serdes of its keys and values, so they travel together.
 *
 * <pre>{@code
 * Topic<String, SagaStart> starts = Topic.keyedBySagaId("skald.saga-starts", AvroSerdes.of(SagaStart.class, config));
 * builder.stream(starts.name(), Consumed.with(starts.keySerde(), starts.valueSerde()));
 * }</pre>
 *
 * @param name       the topic name
 * @param keySerde   the serde of its keys
 * @param valueSerde the serde of its values
 * @param <K>        the key type
 * @param <V>        the value type
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public Topic {
        Objects.requireNonNull(name, "name can't be null");
        Objects.requireNonNull(keySerde, "keySerde can't be null");
        Objects.requireNonNull(valueSerde, "valueSerde can't be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name can't be blank");
        }
    }

    public static <K, V> Topic<K, V> of(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        return new Topic<>(name, keySerde, valueSerde);
    }

    /** A topic of Skald's wire: String keys (the saga id) and these values. */
    public static <V> Topic<String, V> keyedBySagaId(String name, Serde<V> valueSerde) {
        return new Topic<>(name, Serdes.String(), valueSerde);
    }

    public Serializer<K> keySerializer() {
        return keySerde.serializer();
    }

    public Deserializer<K> keyDeserializer() {
        return keySerde.deserializer();
    }

    public Serializer<V> valueSerializer() {
        return valueSerde.serializer();
    }

    public Deserializer<V> valueDeserializer() {
        return valueSerde.deserializer();
    }
}
