package dev.skald.conductor.internal;

import dev.skald.avro.CommandKind;
import dev.skald.avro.SagaCommand;
import dev.skald.avro.SagaReply;
import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.schemas.AvroSerdes;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The poll bridge's topology, built by one function that the application and the tests call: the commands of polled
 * task types (from every command topic, by pattern), repartitioned by saga id into as many partitions as the polls
 * and updates topics, merged with them into one processor that owns the tasks; its replies go to the orchestrator, its
 * dead letters to Skald's dead-letter topic.
 */
final class BridgeTopology {
    private BridgeTopology() {
    }

    static void build(StreamsBuilder builder, BridgeTopics names, OrchestratorConfig config,
                      TaskDefinitions definitions, Changes changes) {
        Serde<SagaCommand> commandSerde = AvroSerdes.of(SagaCommand.class, config.serdeConfig());
        Serde<SagaReply> replySerde = AvroSerdes.of(SagaReply.class, config.serdeConfig());
        Pattern commandTopics = Pattern.compile(Pattern.quote(config.topics().commandsPrefix()) + ".+");
        KStream<String, BridgeInput> commands = builder.stream(commandTopics,
                        Consumed.with(Serdes.String(), commandSerde))
                .filter((key, command) -> polled(command, definitions))
                .selectKey((key, command) -> command.getSagaId())
                .repartition(Repartitioned.<String, SagaCommand>as(BridgeTopics.TASKS_REPARTITION)
                        .withKeySerde(Serdes.String()).withValueSerde(commandSerde)
                        .withNumberOfPartitions(config.partitions()))
                .<BridgeInput>mapValues(BridgeInput.Command::new);
        KStream<String, BridgeInput> polls = builder.stream(names.polls(),
                        Consumed.with(Serdes.String(), JsonSerde.of(LeaseRequest.class)))
                .<BridgeInput>mapValues(BridgeInput.Lease::new);
        KStream<String, BridgeInput> updates = builder.stream(names.updates(),
                        Consumed.with(Serdes.String(), JsonSerde.of(WorkerUpdate.class)))
                .<BridgeInput>mapValues(BridgeInput.Update::new);
        addStores(builder);
        KStream<String, BridgeOutput> outputs = commands.merge(polls).merge(updates)
                .process(() -> new BridgeProcessor(definitions, changes, config.timerInterval(),
                                config.terminalRetention()),
                        BridgeTopics.TASKS_STORE, BridgeTopics.QUEUE_STORE, BridgeTopics.DEADLINES_STORE);
        outputs.filter((key, output) -> output instanceof BridgeOutput.Reply)
                .mapValues(output -> ((BridgeOutput.Reply) output).reply())
                .to(config.topics().replies(), Produced.with(Serdes.String(), replySerde));
        outputs.filter((key, output) -> output instanceof BridgeOutput.Dead)
                .mapValues(output -> ((BridgeOutput.Dead) output).value())
                .to(config.topics().deadLetters(), Produced.with(Serdes.String(), Serdes.ByteArray()));
    }

    /** A command is a Conductor task when it is an action or compensation of a type with a task definition. */
    static boolean polled(SagaCommand command, TaskDefinitions definitions) {
        return command != null && (command.getKind() == CommandKind.ACTION
                || command.getKind() == CommandKind.COMPENSATION)
                && definitions.settings(command.getCommandType()).isPresent();
    }

    private static void addStores(StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(BridgeTopics.TASKS_STORE), Serdes.String(),
                JsonSerde.of(BridgeTask.class)).withCachingDisabled());
        // The two indexes are derived from the tasks: kept in memory without a changelog and rebuilt from the tasks
        // when a stream task starts (BridgeProcessor.init), they cost no records per change.
        for (String index : new String[] {BridgeTopics.QUEUE_STORE, BridgeTopics.DEADLINES_STORE}) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(index),
                    Serdes.String(), Serdes.String()).withCachingDisabled().withLoggingDisabled());
        }
    }
}
