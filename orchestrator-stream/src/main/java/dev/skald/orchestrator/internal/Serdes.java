package dev.skald.orchestrator.internal;

import dev.skald.avro.ExternalEvent;
import dev.skald.avro.SagaCommand;
import dev.skald.avro.SagaControl;
import dev.skald.avro.SagaDefinitionRecord;
import dev.skald.avro.SagaHistoryEvent;
import dev.skald.avro.SagaReply;
import dev.skald.avro.SagaResult;
import dev.skald.avro.SagaStart;
import dev.skald.avro.SagaStateRecord;
import dev.skald.avro.TimerFired;
import dev.skald.schemas.AvroSerdes;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * The Avro serdes of every Skald record, configured once.
 *
 * @param starts         start requests
 * @param replies        replies
 * @param control        control requests
 * @param timers         timer firings
 * @param externalEvents external events
 * @param commands       commands
 * @param history        history events
 * @param results        outcomes
 * @param definitions    definitions
 * @param state          stored saga states
 */
public record Serdes(Serde<SagaStart> starts, Serde<SagaReply> replies, Serde<SagaControl> control,
                     Serde<TimerFired> timers, Serde<ExternalEvent> externalEvents, Serde<SagaCommand> commands,
                     Serde<SagaHistoryEvent> history, Serde<SagaResult> results,
                     Serde<SagaDefinitionRecord> definitions, Serde<SagaStateRecord> state) {

    /** Serdes configured with these settings ({@code schema.registry.url} and friends). */
    public static Serdes create(Map<String, ?> config) {
        return new Serdes(AvroSerdes.of(SagaStart.class, config), AvroSerdes.of(SagaReply.class, config),
                AvroSerdes.of(SagaControl.class, config), AvroSerdes.of(TimerFired.class, config),
                AvroSerdes.of(ExternalEvent.class, config), AvroSerdes.of(SagaCommand.class, config),
                AvroSerdes.of(SagaHistoryEvent.class, config), AvroSerdes.of(SagaResult.class, config),
                AvroSerdes.of(SagaDefinitionRecord.class, config), AvroSerdes.of(SagaStateRecord.class, config));
    }
}
