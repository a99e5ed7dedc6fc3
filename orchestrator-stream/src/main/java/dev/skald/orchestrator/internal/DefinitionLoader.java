package dev.skald.orchestrator.internal;

import dev.skald.avro.SagaDefinitionRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global definition store in step with the definitions topic. A record it cannot decode is logged and
 * skipped: it was validated before it was published, so this only happens to records written by other tools.
 */
final class DefinitionLoader implements Processor<String, byte[], Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(DefinitionLoader.class);

    private final String topic;
    private final Deserializer<SagaDefinitionRecord> deserializer;
    private KeyValueStore<String, String> store;

    DefinitionLoader(String topic, Deserializer<SagaDefinitionRecord> deserializer) {
        this.topic = topic;
        this.deserializer = deserializer;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(Nodes.DEFINITION_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            LOG.warn("ignoring a tombstone for definition {}: applied versions are never removed", record.key());
            return;
        }
        try {
            SagaDefinitionRecord definition = deserializer.deserialize(topic, record.value());
            store.put(DefinitionCatalog.key(definition.getName(), definition.getVersion()),
                    DefinitionCatalog.value(definition.getAppliedAt().toEpochMilli(), definition.getDocument()));
        } catch (RuntimeException e) {
            LOG.error("skipping an undecodable record of {} with key {}: {}", topic, record.key(), e.getMessage());
        }
    }
}
