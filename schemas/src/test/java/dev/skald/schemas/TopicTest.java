package dev.skald.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skald.avro.SagaStart;
import org.junit.jupiter.api.Test;

class TopicTest {

    @Test
    void keepsATopicNameWithItsSerdes() {
        Topic<String, SagaStart> starts =
                Topic.keyedBySagaId("skald.saga-starts", AvroSerdes.of(SagaStart.class, Scopes.freshConfig()));

        byte[] key = starts.keySerializer().serialize(starts.name(), "order-1");
        byte[] value = starts.valueSerializer().serialize(starts.name(), WireSamples.sagaStart());

        assertThat(starts.keyDeserializer().deserialize(starts.name(), key)).isEqualTo("order-1");
        assertThat(starts.valueDeserializer().deserialize(starts.name(), value)).isEqualTo(WireSamples.sagaStart());
    }

    @Test
    void needsANameAndSerdes() {
        assertThatThrownBy(() -> Topic.keyedBySagaId(" ", AvroSerdes.of(SagaStart.class, Scopes.freshConfig())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topic.keyedBySagaId("t", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("valueSerde");
    }
}
