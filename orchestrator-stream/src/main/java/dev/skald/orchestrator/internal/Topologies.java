package dev.skald.orchestrator.internal;

import dev.skald.avro.SagaCommand;
import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.orchestrator.SkaldTopics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.Stores;

/** Wires the saga topology: sources, the processor and its stores, the global definition store, the sinks. */
public final class Topologies {
    private Topologies() {
    }

    public static Topology sagas(OrchestratorConfig config, Map<String, ?> serdeConfig, SagaMetrics metrics) {
        SkaldTopics topics = config.topics();
        dev.skald.orchestrator.internal.Serdes serdes = dev.skald.orchestrator.internal.Serdes.create(serdeConfig);
        Topology topology = new Topology();
        StringDeserializer keys = new StringDeserializer();
        ByteArrayDeserializer bytes = new ByteArrayDeserializer();
        topology.addSource("inputs", keys, bytes, topics.inputs().toArray(String[]::new));
        topology.addProcessor(Nodes.PROCESSOR, () -> new SagaProcessor(config, serdes, metrics), "inputs");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Nodes.SAGA_STORE),
                Serdes.String(), Serdes.ByteArray()), Nodes.PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Nodes.TIMER_STORE),
                Serdes.String(), Serdes.String()), Nodes.PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Nodes.HISTORY_STORE),
                Serdes.String(), Serdes.String()), Nodes.PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Nodes.ENDED_STORE),
                Serdes.String(), Serdes.String()), Nodes.PROCESSOR);
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Nodes.DEFINITION_STORE),
                        Serdes.String(), Serdes.String()).withLoggingDisabled(),
                "definitions", keys, bytes, topics.definitions(), "definition-loader",
                () -> new DefinitionLoader(topics.definitions(), serdes.definitions().deserializer()));
        StringSerializer keyWriter = new StringSerializer();
        TopicNameExtractor<String, SagaCommand> commandTopic = (key, command, context) ->
                topics.commands(command.getParticipant());
        topology.addSink(Nodes.COMMANDS, commandTopic, keyWriter,
                CommandEncoding.serializer(serdes.commands().serializer(), config.jsonParticipants(), topics),
                Nodes.PROCESSOR);
        topology.addSink(Nodes.PUBLISHED, PublishedRecord.TOPIC, keyWriter, PublishedRecord.SERIALIZER, Nodes.PROCESSOR);
        sink(topology, Nodes.HISTORY, topics.history(), serdes.history());
        sink(topology, Nodes.RESULTS, topics.results(), serdes.results());
        sink(topology, Nodes.STARTS, topics.starts(), serdes.starts());
        sink(topology, Nodes.CONTROL, topics.control(), serdes.control());
        sink(topology, Nodes.REPLIES, topics.replies(), serdes.replies());
        sink(topology, Nodes.TIMERS, topics.timers(), serdes.timers());
        topology.addSink(Nodes.DEAD_LETTERS, topics.deadLetters(), keyWriter, new ByteArraySerializer(),
                Nodes.PROCESSOR);
        return topology;
    }

    private static <T> void sink(Topology topology, String name, String topic, Serde<T> serde) {
        Serializer<T> values = serde.serializer();
        topology.addSink(name, topic, new StringSerializer(), values, Nodes.PROCESSOR);
    }
}
