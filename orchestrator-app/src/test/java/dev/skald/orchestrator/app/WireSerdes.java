package dev.skald.orchestrator.app;

import dev.skald.avro.ExternalEvent;
import dev.skald.avro.SagaControl;
import dev.skald.avro.SagaDefinitionRecord;
import dev.skald.avro.SagaReply;
import dev.skald.avro.SagaStart;
import dev.skald.avro.TimerFired;
import dev.skald.schemas.AvroSerdes;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * The serdes of the orchestrator's input records, from the public {@link AvroSerdes}, for tests that write records
 * straight to its topics as a service (or an attacker) would.
 */
record WireSerdes(Serde<SagaStart> starts, Serde<SagaReply> replies, Serde<SagaControl> control,
                  Serde<TimerFired> timers, Serde<ExternalEvent> externalEvents,
                  Serde<SagaDefinitionRecord> definitions) {

    static WireSerdes create(Map<String, ?> serdeConfig) {
        return new WireSerdes(AvroSerdes.of(SagaStart.class, serdeConfig), AvroSerdes.of(SagaReply.class, serdeConfig),
                AvroSerdes.of(SagaControl.class, serdeConfig), AvroSerdes.of(TimerFired.class, serdeConfig),
                AvroSerdes.of(ExternalEvent.class, serdeConfig), AvroSerdes.of(SagaDefinitionRecord.class, serdeConfig));
    }
}
