package dev.skald.participant.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skald.avro.CommandKind;
import dev.skald.avro.ReplyOutcome;
import dev.skald.avro.SagaCommand;
import dev.skald.avro.SagaReply;
import dev.skald.participant.Commands;
import dev.skald.participant.ParticipantTopics;
import dev.skald.participant.Wire;
import dev.skald.schemas.DeadLetterHeaders;
import dev.skald.schemas.DeadLetterKind;
import dev.skald.schemas.JsonRecords;
import dev.skald.testkit.EmbeddedKafka;
import dev.skald.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The participant conformance suite: what every participant implementation, in any language, must do on a real
 * broker, checked at the topic level only. It writes commands to {@code <prefix>commands.conformance} as the
 * orchestrator would (in the implementation's {@link Encoding}) and reads {@code <prefix>saga-replies}
 * read_committed (Avro or JSON replies alike).
 *
 * <p>An implementation serves four conformance handlers: {@code Echo} (output = the payload), {@code Refuse} (a
 * business failure whose error starts with {@code refused}), {@code Flaky} (a retriable failure) and {@code Count}
 * (output {@code {"runs": N}}, how many times its handler ran for that command id), and a crash drill: after
 * {@link ConformanceParticipant.Setup#stallAfter()} handler calls, the next one blocks mid-transaction and it prints
 * {@code stalled after N commands}. A subclass starts it ({@link #start}) and says how it writes commands.
 */
@Tag("kafka")
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ParticipantConformance {
    /** The participant's name, hence its command topic {@code <prefix>commands.conformance}. */
    protected static final String PARTICIPANT = "conformance";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int CRASH_COMMANDS = 300;
    private static final int STALL_AFTER = 130;
    private static final int REPLY_PARTITIONS = 3;

    /** How the orchestrator writes this participant's commands. */
    protected enum Encoding {
        /** Framed Avro, the default. */
        AVRO,
        /** JSON text ({@code skald.json-participants}). */
        JSON
    }

    /** What an implementation does with a command type it has no handler for. */
    protected enum UnknownCommandType {
        /** Replies {@code BUSINESS_FAILURE} with an error naming the type. */
        BUSINESS_FAILURE,
        /** Writes no reply but a dead letter of kind {@code UNKNOWN_COMMAND_TYPE} naming the type. */
        DEAD_LETTER
    }

    private final ParticipantTopics topics = new ParticipantTopics("conformance.");
    private EmbeddedKafka kafka;
    private Wire wire;
    private ConformanceParticipant participant;

    /** How this implementation's commands are written. */
    protected abstract Encoding encoding();

    /** The schema registry the suite's serdes use (Avro commands are registered there; the participant's too). */
    protected abstract String registryUrl();

    /** What this implementation does with a command type it has no handler for. */
    protected abstract UnknownCommandType unknownCommandType();

    /** Starts the implementation with the conformance handlers; returns once it runs. */
    protected abstract ConformanceParticipant start(String bootstrapServers, ConformanceParticipant.Setup setup);

    @BeforeAll
    void startParticipant(EmbeddedKafka broker) {
        kafka = broker;
        kafka.createTopics(REPLY_PARTITIONS, topics.commands(PARTICIPANT), topics.replies());
        wire = new Wire(kafka.bootstrapServers(), registryUrl(), topics);
        participant = start(kafka.bootstrapServers(),
                new ConformanceParticipant.Setup(topics.prefix(), "conformance", "conformance-0", 100, 0));
    }

    @AfterAll
    void stopParticipant() {
        if (participant != null) {
            participant.close();
        }
        if (wire != null) {
            wire.close();
        }
    }

    @Test
    void answersEachCommandOnceWithItsHandlersOutcomeAndTheCommandsIdentity() throws JsonProcessingException {
        List<SagaCommand> commands = List.of(
                Commands.command("outcomes-1", "echo", 2, CommandKind.ACTION, PARTICIPANT, "Echo",
                        "{\"sku\":\"A-1\",\"quantity\":3,\"tags\":[\"x\",null],\"price\":12.50}"),
                Commands.command("outcomes-2", "refuse", 1, CommandKind.ACTION, PARTICIPANT, "Refuse",
                        "{\"reason\":\"out of stock\"}"),
                Commands.command("outcomes-3", "flaky", 3, CommandKind.ACTION, PARTICIPANT, "Flaky", "{}"),
                Commands.command("outcomes-4", "undo", 1, CommandKind.COMPENSATION, PARTICIPANT, "Echo",
                        "{\"undo\":true}"));
        commands.forEach(this::send);

        List<Answer> all = awaitAnswers("outcomes-", commands.size());

        assertThat(all).hasSize(commands.size()).extracting(a -> a.reply().getCommandId()).doesNotHaveDuplicates();
        Map<String, Answer> answers = all.stream()
                .collect(Collectors.toMap(a -> a.reply().getCommandId(), Function.identity()));
        for (SagaCommand command : commands) {
            Answer answer = answers.get(command.getCommandId());
            assertThat(answer).as("the reply to %s", command.getCommandId()).isNotNull();
            assertThat(answer.key()).isEqualTo(command.getSagaId());
            assertThat(answer.partition()).as("the partition Kafka's default partitioner gives the saga id")
                    .isEqualTo(Utils.toPositive(Utils.murmur2(answer.key().getBytes(StandardCharsets.UTF_8)))
                            % REPLY_PARTITIONS);
            SagaReply reply = answer.reply();
            assertThat(reply.getSagaId()).isEqualTo(command.getSagaId());
            assertThat(reply.getStepId()).isEqualTo(command.getStepId());
            assertThat(reply.getAttempt()).isEqualTo(command.getAttempt());
            assertThat(reply.getKind()).isEqualTo(command.getKind());
            assertThat(reply.getRepliedAt()).isNotNull();
        }
        SagaReply echo = answers.get(commands.get(0).getCommandId()).reply();
        assertThat(echo.getOutcome()).isEqualTo(ReplyOutcome.SUCCESS);
        assertThat(JSON.readTree(echo.getOutput())).isEqualTo(JSON.readTree(commands.get(0).getPayload()));
        assertThat(echo.getError()).isNull();
        SagaReply refused = answers.get(commands.get(1).getCommandId()).reply();
        assertThat(refused.getOutcome()).isEqualTo(ReplyOutcome.BUSINESS_FAILURE);
        assertThat(refused.getError()).startsWith("refused").contains("out of stock");
        SagaReply flaky = answers.get(commands.get(2).getCommandId()).reply();
        assertThat(flaky.getOutcome()).isEqualTo(ReplyOutcome.RETRIABLE_FAILURE);
        assertThat(flaky.getError()).contains("flaky at attempt 3");
        SagaReply undo = answers.get(commands.get(3).getCommandId()).reply();
        assertThat(undo.getOutcome()).isEqualTo(ReplyOutcome.SUCCESS);
        assertThat(undo.getKind()).isEqualTo(CommandKind.COMPENSATION);
        assertThat(JSON.readTree(undo.getOutput())).isEqualTo(JSON.readTree("{\"undo\":true}"));
    }

    @Test
    void aCommandTypeWithoutAHandlerIsRefusedNamingIt() {
        SagaCommand command = Commands.action("unknown-1", "step", PARTICIPANT, "Teleport", "{}");
        send(command);

        if (unknownCommandType() == UnknownCommandType.BUSINESS_FAILURE) {
            assertThat(awaitAnswers("unknown-1", 1)).singleElement().satisfies(answer -> {
                assertThat(answer.reply().getOutcome()).isEqualTo(ReplyOutcome.BUSINESS_FAILURE);
                assertThat(answer.reply().getError()).contains("Teleport");
            });
        } else {
            ConsumerRecord<byte[], byte[]> deadLetter = await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> wire.records(topics.deadLetters(), true).stream()
                            .filter(r -> command.getCommandId().equals(Wire.header(r, DeadLetterHeaders.COMMAND_ID)))
                            .toList(), d -> !d.isEmpty()).get(0);
            assertThat(Wire.header(deadLetter, DeadLetterHeaders.KIND))
                    .isEqualTo(DeadLetterKind.UNKNOWN_COMMAND_TYPE.name());
            assertThat(Wire.header(deadLetter, DeadLetterHeaders.REASON)).contains("Teleport");
            assertThat(answers("unknown-1")).as("replies written with the dead letter").isEmpty();
        }
    }

    @Test
    void aRecordThatIsNotACommandIsDeadLetteredAndTheNextCommandAnswered() {
        wire.sendRaw(topics.commands(PARTICIPANT), "undecodable-1",
                "{\"not\": \"a command\"}".getBytes(StandardCharsets.UTF_8));
        send(Commands.action("undecodable-1", "next", PARTICIPANT, "Echo", "{}"));

        assertThat(awaitAnswers("undecodable-1", 1)).singleElement()
                .satisfies(answer -> assertThat(answer.reply().getStepId()).isEqualTo("next"));
        assertThat(wire.records(topics.deadLetters(), true)).filteredOn(r -> "undecodable-1".equals(key(r)))
                .singleElement().satisfies(deadLetter -> {
                    assertThat(Wire.header(deadLetter, DeadLetterHeaders.KIND))
                            .isEqualTo(DeadLetterKind.UNDECODABLE.name());
                    assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8))
                            .isEqualTo("{\"not\": \"a command\"}");
                });
    }

    @Test
    void aRedeliveredCommandIsAnsweredWithTheSameReplyWithoutRunningItsHandlerAgain() {
        SagaCommand command = Commands.action("redelivered-1", "count", PARTICIPANT, "Count", "{}");
        send(command);
        awaitAnswers("redelivered-1", 1);
        send(command);

        List<Answer> answers = awaitAnswers("redelivered-1", 2);

        assertThat(answers).hasSize(2);
        assertThat(answers.get(1).reply()).isEqualTo(answers.get(0).reply());
        assertThat(answers.get(0).reply().getOutcome()).isEqualTo(ReplyOutcome.SUCCESS);
        assertThat(answers.get(0).reply().getOutput()).isEqualTo("{\"runs\":1}");
    }

    @Test
    void everyCommandIsAnsweredExactlyOnceAcrossAKillMidTransaction() {
        ParticipantTopics crash = new ParticipantTopics("conformance-crash.");
        kafka.createTopics(3, crash.commands(PARTICIPANT), crash.replies());
        List<SagaCommand> commands = IntStream.range(0, CRASH_COMMANDS)
                .mapToObj(i -> Commands.action(String.format("crash-%04d", i), "count", PARTICIPANT, "Count", "{}"))
                .toList();
        ConformanceParticipant.Setup setup = new ConformanceParticipant.Setup(crash.prefix(), "conformance-crash",
                "crash-0", 20, STALL_AFTER);
        try (Wire crashWire = new Wire(kafka.bootstrapServers(), registryUrl(), crash)) {
            commands.forEach(c -> send(crashWire, crash, c));
            int committedAtKill;
            try (ConformanceParticipant first = start(kafka.bootstrapServers(), setup)) {
                first.awaitLine("stalled after " + STALL_AFTER, WAIT);
                await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(
                        () -> crashWire.records(crash.replies(), false).size()
                                > crashWire.records(crash.replies(), true).size());
                committedAtKill = crashWire.records(crash.replies(), true).size();
                first.kill();
            }
            assertThat(committedAtKill).isLessThan(STALL_AFTER);

            try (ConformanceParticipant second = start(kafka.bootstrapServers(),
                    new ConformanceParticipant.Setup(crash.prefix(), setup.groupId(), setup.instanceId(), 20, 0))) {
                List<SagaReply> replies = await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                        .until(crashWire::replies, r -> r.size() >= CRASH_COMMANDS);

                assertThat(replies).hasSize(CRASH_COMMANDS);
                assertThat(replies).extracting(SagaReply::getCommandId).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(commands.stream().map(SagaCommand::getCommandId)
                                .toList());
                assertThat(replies).extracting(SagaReply::getOutcome).containsOnly(ReplyOutcome.SUCCESS);
                assertThat(crashWire.records(crash.replies(), false).size())
                        .as("replies written, the aborted ones included").isGreaterThan(CRASH_COMMANDS);
            }
        }
    }

    /** A reply as read from the reply topic, with its record key and partition. */
    private record Answer(String key, int partition, SagaReply reply) {
    }

    private void send(SagaCommand command) {
        send(wire, topics, command);
    }

    private void send(Wire target, ParticipantTopics to, SagaCommand command) {
        switch (encoding()) {
            case AVRO -> target.send(command);
            case JSON -> target.sendRaw(to.commands(command.getParticipant()), command.getSagaId(),
                    JsonRecords.write(command));
        }
    }

    /** The committed replies of the sagas whose id starts with {@code sagaPrefix}, in partition then offset order. */
    private List<Answer> answers(String sagaPrefix) {
        return wire.records(topics.replies(), true).stream()
                .map(r -> new Answer(key(r), r.partition(), wire.decode(r.value())))
                .filter(a -> a.reply().getSagaId().startsWith(sagaPrefix)).toList();
    }

    private List<Answer> awaitAnswers(String sagaPrefix, int count) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> answers(sagaPrefix), a -> a.size() >= count);
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }
}
