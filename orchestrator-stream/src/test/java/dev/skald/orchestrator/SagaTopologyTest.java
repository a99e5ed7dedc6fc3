package dev.skald.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skald.avro.CommandKind;
import dev.skald.avro.ReplyOutcome;
import dev.skald.avro.SagaCommand;
import dev.skald.avro.SagaDefinitionRecord;
import dev.skald.avro.SagaHistoryEvent;
import dev.skald.avro.SagaReply;
import dev.skald.avro.SagaResult;
import dev.skald.avro.SagaStart;
import dev.skald.avro.TimerFired;
import dev.skald.orchestrator.internal.DefinitionCatalog;
import dev.skald.orchestrator.internal.Serdes;
import dev.skald.saga.definition.RetryPolicy;
import dev.skald.saga.definition.Saga;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.format.SagaDocuments;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import dev.skald.avro.ControlAction;
import dev.skald.avro.SagaControl;
import dev.skald.orchestrator.internal.Nodes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The saga topology under {@link TopologyTestDriver}: wiring, stores, dead letters and timers, without a broker. */
class SagaTopologyTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static final Duration RETENTION = Duration.ofHours(1);

    private OrchestratorConfig config;
    private Serdes serdes;
    private TopologyTestDriver driver;
    private SkaldTopics topics;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void setUp() throws Exception {
        useDriver(false);
    }

    /** Replaces the driver with one for a live or a replaying orchestrator, with the order definition applied. */
    private void useDriver(boolean replay) throws Exception {
        if (driver != null) {
            driver.close();
        }
        Path state = Files.createTempDirectory("skald-ttd");
        config = OrchestratorConfig.builder("unused:9092").applicationId("ttd")
                .schemaRegistryUrl("mock://ttd-" + UUID.randomUUID()).stateDir(state)
                .timerInterval(Duration.ofMillis(100)).terminalRetention(RETENTION).replay(replay).build();
        topics = config.topics();
        serdes = Serdes.create(config.serdeConfig());
        driver = new TopologyTestDriver(SagaTopology.build(config, config.serdeConfig(), meters),
                config.streamsProperties(), T0);
        apply(Saga.named("order").version(1)
                .step("reserve").call("inventory", "Reserve").compensateWith("inventory", "Release")
                .step("charge").call("payment", "Charge").retry(RetryPolicy.fixed(2, Duration.ofSeconds(5)))
                .build());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void apply(SagaDefinition definition) {
        apply(definition, T0);
    }

    private void apply(SagaDefinition definition, Instant appliedAt) {
        SagaDefinitionRecord record = SagaDefinitionRecord.newBuilder().setName(definition.name())
                .setVersion(definition.version()).setDocument(SagaDocuments.toJson(definition))
                .setAppliedAt(appliedAt).build();
        input(topics.definitions()).pipeInput(DefinitionCatalog.key(definition.name(), definition.version()),
                serdes.definitions().serializer().serialize(topics.definitions(), record));
    }

    private TestInputTopic<String, byte[]> input(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer(), T0, Duration.ZERO);
    }

    private TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private void start(String sagaId) {
        SagaStart start = SagaStart.newBuilder().setSagaId(sagaId).setDefinition("order").setVersion(null)
                .setInput("{\"sku\":\"A\"}").setCorrelationKey(null).setIdempotencyKey(null).setRequestedAt(T0)
                .setParent(null).build();
        input(topics.starts()).pipeInput(sagaId, serdes.starts().serializer().serialize(topics.starts(), start));
    }

    private void reply(SagaCommand command, ReplyOutcome outcome) {
        SagaReply reply = SagaReply.newBuilder().setCommandId(command.getCommandId()).setSagaId(command.getSagaId())
                .setStepId(command.getStepId()).setAttempt(command.getAttempt()).setKind(command.getKind())
                .setOutcome(outcome).setOutput(outcome == ReplyOutcome.SUCCESS ? "{\"ok\":true}" : null)
                .setError(outcome == ReplyOutcome.SUCCESS ? null : "nope").setRepliedAt(T0).build();
        input(topics.replies()).pipeInput(command.getSagaId(),
                serdes.replies().serializer().serialize(topics.replies(), reply));
    }

    private List<SagaCommand> commands(String participant) {
        return output(topics.commands(participant)).readValuesToList().stream()
                .map(b -> serdes.commands().deserializer().deserialize(topics.commands(participant), b)).toList();
    }

    private void control(String sagaId, ControlAction action) {
        SagaControl control = SagaControl.newBuilder().setSagaId(sagaId).setAction(action).setReason("test")
                .setRequestedAt(T0).build();
        input(topics.control()).pipeInput(sagaId, serdes.control().serializer().serialize(topics.control(), control));
    }

    private KeyValueStore<String, byte[]> sagaStore() {
        return driver.getKeyValueStore(Nodes.SAGA_STORE);
    }

    private void completeOrder(String sagaId) {
        start(sagaId);
        reply(commands("inventory").get(0), ReplyOutcome.SUCCESS);
        reply(commands("payment").get(0), ReplyOutcome.SUCCESS);
    }

    @Test
    void anEndedSagaIsDeletedOnceItsRetentionHasPassed() {
        completeOrder("o-r");
        assertThat(sagaStore().get("o-r")).isNotNull();
        TestOutputTopic<String, byte[]> timers = output(topics.timers());

        driver.advanceWallClockTime(RETENTION.minusMinutes(1));
        assertThat(timers.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofMinutes(2));
        TestRecord<String, byte[]> fired = timers.readRecord();
        assertThat(serdes.timers().deserializer().deserialize(topics.timers(), fired.value()).getTimerKey())
                .isEqualTo("skald:retention");
        // the driver feeds the timers topic back to the topology, as the broker would
        assertThat(sagaStore().get("o-r")).isNull();
        KeyValueStore<String, String> history = driver.getKeyValueStore(Nodes.HISTORY_STORE);
        assertThat(history.get("o-r")).isNull();
        try (var events = history.range("o-r/", "o-r/~")) {
            assertThat(events.hasNext()).as("no history event of the deleted saga is kept").isFalse();
        }
    }

    @Test
    void aFailedSagaIsKeptForAnOperatorWhateverTheRetention() {
        start("o-f");
        reply(commands("inventory").get(0), ReplyOutcome.SUCCESS);
        reply(commands("payment").get(0), ReplyOutcome.BUSINESS_FAILURE);
        reply(commands("inventory").get(0), ReplyOutcome.BUSINESS_FAILURE);
        assertThat(output(topics.results()).readValuesToList()).singleElement()
                .extracting(b -> serdes.results().deserializer().deserialize(topics.results(), b).getStatus()
                        .toString()).isEqualTo("COMPENSATION_FAILED");
        driver.advanceWallClockTime(RETENTION.multipliedBy(3));
        assertThat(output(topics.timers()).isEmpty()).isTrue();
        assertThat(sagaStore().get("o-f")).isNotNull();
    }

    @Test
    void resendSendsThePendingCommandAgainWithTheSameId() {
        start("o-s");
        SagaCommand first = commands("inventory").get(0);

        control("o-s", ControlAction.RESEND);

        assertThat(commands("inventory")).singleElement().isEqualTo(first);
        reply(first, ReplyOutcome.SUCCESS);
        assertThat(commands("payment")).extracting(SagaCommand::getStepId).containsExactly("charge");
    }

    @Test
    void replayRebuildsTheSameStateAndSendsNothing() throws Exception {
        start("o-1");
        SagaCommand reserve = commands("inventory").get(0);
        reply(reserve, ReplyOutcome.SUCCESS);
        SagaCommand charge = commands("payment").get(0);
        reply(charge, ReplyOutcome.SUCCESS);
        start("o-2");
        byte[] completed = sagaStore().get("o-1");
        byte[] running = sagaStore().get("o-2");

        useDriver(true);
        start("o-1");
        reply(reserve, ReplyOutcome.SUCCESS);
        reply(charge, ReplyOutcome.SUCCESS);
        start("o-2");

        assertThat(sagaStore().get("o-1")).isEqualTo(completed);
        assertThat(sagaStore().get("o-2")).isEqualTo(running);
        for (String topic : List.of(topics.commands("inventory"), topics.commands("payment"), topics.history(),
                topics.results(), topics.timers(), topics.deadLetters())) {
            assertThat(output(topic).isEmpty()).as(topic).isTrue();
        }
    }

    @Test
    void aReplayedTimerFiringLeavesNoEntryInTheTimerIndex() throws Exception {
        start("o-t");
        SagaCommand reserve = commands("inventory").get(0);
        reply(reserve, ReplyOutcome.SUCCESS);
        SagaCommand charge = commands("payment").get(0);

        useDriver(true);
        start("o-t");
        reply(reserve, ReplyOutcome.SUCCESS);
        reply(charge, ReplyOutcome.RETRIABLE_FAILURE);
        KeyValueStore<String, String> index = driver.getKeyValueStore(Nodes.TIMER_STORE);
        String entry;
        try (var all = index.all()) {
            entry = all.next().key;
            assertThat(all.hasNext()).as("only the retry timer is set").isFalse();
        }
        String[] parts = entry.split("\\|", 3);
        String timerKey = java.net.URLDecoder.decode(parts[2], java.nio.charset.StandardCharsets.UTF_8);
        TimerFired fired = TimerFired.newBuilder().setSagaId("o-t").setTimerKey(timerKey)
                .setDueAt(Instant.ofEpochMilli(Long.parseLong(parts[0]))).build();

        input(topics.timers()).pipeInput("o-t", serdes.timers().serializer().serialize(topics.timers(), fired));

        assertThat(index.get(entry)).as("the firing read from the topic removed its entry").isNull();
        try (var all = index.all()) {
            String left = java.net.URLDecoder.decode(all.next().key.split("\\|", 3)[2],
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(left).as("what is left is the response timeout of the retry it dispatched")
                    .isEqualTo(new dev.skald.saga.machine.TimerId(dev.skald.saga.machine.TimerId.TimerKind.RESPONSE_TIMEOUT,
                            "charge", 2).key());
            assertThat(all.hasNext()).isFalse();
        }
    }

    @Test
    void aReplayStartsNothingOnADefinitionAppliedAfterTheStart() throws Exception {
        useDriver(true);
        apply(Saga.named("late").version(1).step("a").call("inventory", "A").build(), T0.plusSeconds(60));
        SagaStart start = SagaStart.newBuilder().setSagaId("l-1").setDefinition("late").setVersion(null)
                .setInput("{}").setCorrelationKey(null).setIdempotencyKey(null).setRequestedAt(T0).setParent(null)
                .build();

        input(topics.starts()).pipeInput("l-1", serdes.starts().serializer().serialize(topics.starts(), start));

        assertThat(sagaStore().get("l-1")).as("the live instance dead-lettered it: no such definition yet").isNull();
        assertThat(meters.get("skald.dead.letters").tag("kind", "UNKNOWN_DEFINITION").counter().count())
                .isEqualTo(1);
        start("o-1");
        assertThat(sagaStore().get("o-1")).as("a definition applied before the start is found").isNotNull();
    }

    @Test
    void sagaAndStepMetricsArePerDefinition() {
        start("o-m");
        reply(commands("inventory").get(0), ReplyOutcome.SUCCESS);
        SagaCommand charge = commands("payment").get(0);
        reply(charge, ReplyOutcome.SUCCESS);

        assertThat(meters.get("skald.sagas.started").tag("definition", "order").counter().count()).isEqualTo(1);
        assertThat(meters.get("skald.sagas.ended").tags("definition", "order", "status", "COMPLETED").counter()
                .count()).isEqualTo(1);
        assertThat(meters.get("skald.step.duration").tags("definition", "order", "step", "charge").timer().count())
                .isEqualTo(1);
        reply(SagaCommand.newBuilder(charge).setSagaId("nobody").build(), ReplyOutcome.SUCCESS);
        assertThat(meters.get("skald.dead.letters").tag("kind", "UNKNOWN_SAGA").counter().count()).isEqualTo(1);
    }

    @Test
    void aStartSendsTheFirstCommandAndARepliesDriveTheNext() {
        start("o-1");
        List<SagaCommand> reserve = commands("inventory");
        assertThat(reserve).singleElement().satisfies(c -> {
            assertThat(c.getCommandId()).isEqualTo("o-1:reserve:1:action");
            assertThat(c.getCommandType()).isEqualTo("Reserve");
        });

        reply(reserve.get(0), ReplyOutcome.SUCCESS);
        List<SagaCommand> charge = commands("payment");
        assertThat(charge).extracting(SagaCommand::getStepId).containsExactly("charge");

        reply(charge.get(0), ReplyOutcome.SUCCESS);
        List<SagaResult> results = output(topics.results()).readValuesToList().stream()
                .map(b -> serdes.results().deserializer().deserialize(topics.results(), b)).toList();
        assertThat(results).singleElement().satisfies(r -> assertThat(r.getStatus()).isEqualTo("COMPLETED"));
        List<SagaHistoryEvent> history = output(topics.history()).readValuesToList().stream()
                .map(b -> serdes.history().deserializer().deserialize(topics.history(), b)).toList();
        assertThat(history).isNotEmpty();
    }

    @Test
    void aFailureCompensatesThroughTheParticipantsTopic() {
        start("o-2");
        reply(commands("inventory").get(0), ReplyOutcome.SUCCESS);
        reply(commands("payment").get(0), ReplyOutcome.BUSINESS_FAILURE);

        assertThat(commands("inventory")).singleElement().satisfies(c -> {
            assertThat(c.getKind()).isEqualTo(CommandKind.COMPENSATION);
            assertThat(c.getCommandType()).isEqualTo("Release");
        });
    }

    @Test
    void retryBackoffTimersFireThroughTheTimersTopic() {
        start("o-3");
        reply(commands("inventory").get(0), ReplyOutcome.SUCCESS);
        reply(commands("payment").get(0), ReplyOutcome.RETRIABLE_FAILURE);
        TestOutputTopic<String, byte[]> timers = output(topics.timers());

        driver.advanceWallClockTime(Duration.ofSeconds(4));
        assertThat(timers.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        List<byte[]> fired = timers.readValuesToList();
        assertThat(fired).singleElement().satisfies(b -> {
            TimerFired timer = serdes.timers().deserializer().deserialize(topics.timers(), b);
            assertThat(timer.getTimerKey()).isEqualTo("RETRY/charge/1");
        });
        input(topics.timers()).pipeInput("o-3", fired.get(0));
        assertThat(commands("payment")).singleElement()
                .satisfies(c -> assertThat(c.getCommandId()).isEqualTo("o-3:charge:2:action"));
    }

    @Test
    void undecodableRecordsGoToTheDeadLetterTopicWithTheirReason() {
        input(topics.replies()).pipeInput("o-4", "not avro".getBytes(StandardCharsets.UTF_8));

        List<TestRecord<String, byte[]>> dead = output(topics.deadLetters()).readRecordsToList();
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
            assertThat(header(r, "skald.dlq.kind")).isEqualTo("UNDECODABLE");
            assertThat(header(r, "skald.dlq.topic")).isEqualTo(topics.replies());
            assertThat(header(r, "skald.dlq.reason")).contains("cannot decode");
        });
    }

    @Test
    void repliesForUnknownSagasAndStartsOfUnknownDefinitionsAreDeadLettered() {
        start("o-5");
        SagaCommand reserve = commands("inventory").get(0);
        SagaCommand stranger = SagaCommand.newBuilder(reserve).setSagaId("nobody").setCommandId("nobody:reserve:1:action")
                .build();
        reply(stranger, ReplyOutcome.SUCCESS);
        SagaStart unknown = SagaStart.newBuilder().setSagaId("x-1").setDefinition("missing").setVersion(null)
                .setInput("{}").setCorrelationKey(null).setIdempotencyKey(null).setRequestedAt(T0).setParent(null)
                .build();
        input(topics.starts()).pipeInput("x-1", serdes.starts().serializer().serialize(topics.starts(), unknown));

        List<TestRecord<String, byte[]>> dead = output(topics.deadLetters()).readRecordsToList();
        assertThat(dead).extracting(r -> header(r, "skald.dlq.kind")).containsExactly("UNKNOWN_SAGA",
                "UNKNOWN_DEFINITION");
    }

    @Test
    void aReplyForAStepTheSagaDoesNotHaveIsRejectedToTheDeadLetterTopic() {
        start("o-6");
        SagaCommand reserve = commands("inventory").get(0);
        reply(SagaCommand.newBuilder(reserve).setStepId("ghost").build(), ReplyOutcome.SUCCESS);

        List<TestRecord<String, byte[]>> dead = output(topics.deadLetters()).readRecordsToList();
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(header(r, "skald.dlq.kind")).isEqualTo("REJECTED");
            assertThat(header(r, "skald.dlq.reason")).contains("unknown step 'ghost'");
        });
    }

    private static String header(TestRecord<String, byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
