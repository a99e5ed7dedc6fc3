package dev.skald.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skald.avro.CommandKind;
import dev.skald.avro.ReplyOutcome;
import dev.skald.avro.SagaCommand;
import dev.skald.avro.SagaReply;
import dev.skald.participant.internal.Meters;
import dev.skald.schemas.DeadLetterHeaders;
import dev.skald.testkit.EmbeddedKafka;
import dev.skald.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The participant SDK on a real broker: replies, outcomes, dedupe, dead letters, workers, shutdown, fencing. */
@Tag("kafka")
@WithKafka
class ParticipantIT {
    private static final AtomicInteger TESTS = new AtomicInteger();
    private static final String REGISTRY = "mock://participant-it";

    /** A payload type, mapped from the command's JSON. */
    record Reserve(String sku, int quantity) {
    }

    private final EmbeddedKafka kafka;
    private final String prefix = "it" + TESTS.incrementAndGet() + ".";
    private final ParticipantTopics topics = new ParticipantTopics(prefix);
    private final List<AutoCloseable> closeables = new ArrayList<>();

    ParticipantIT(EmbeddedKafka kafka) {
        this.kafka = kafka;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private ParticipantConfig.Builder config() {
        return ParticipantConfig.builder(kafka.bootstrapServers()).schemaRegistryUrl(REGISTRY).topics(topics)
                .partitions(3).pollTimeout(Duration.ofMillis(50));
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    private Wire wire() {
        return closeLater(new Wire(kafka.bootstrapServers(), REGISTRY, topics));
    }

    private static List<SagaReply> awaitReplies(Wire wire, int count) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(wire::replies, r -> r.size() >= count);
    }

    private static String reserve(String sku, int quantity) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}";
    }

    @Test
    void answersACommandWithItsHandlersOutputAndGivesTheHandlerTheCommandsIdentity() {
        List<CommandContext> seen = new CopyOnWriteArrayList<>();
        List<Reserve> payloads = new CopyOnWriteArrayList<>();
        Participant inventory = closeLater(Participant.named("inventory").config(config().build())
                .handle("ReserveStock", Reserve.class, (cmd, ctx) -> {
                    seen.add(ctx);
                    payloads.add(cmd);
                    return Reply.success(Map.of("reservationId", "r-" + ctx.sagaId(), "quantity", cmd.quantity()));
                })
                .start());
        Wire wire = wire();

        wire.send(Commands.command("order-1", "reserve", 2, CommandKind.ACTION, "inventory", "ReserveStock",
                reserve("A-1", 3)));

        SagaReply reply = awaitReplies(wire, 1).get(0);
        assertThat(reply.getOutcome()).isEqualTo(ReplyOutcome.SUCCESS);
        assertThat(reply.getCommandId()).isEqualTo("order-1:reserve:2:action");
        assertThat(reply.getSagaId()).isEqualTo("order-1");
        assertThat(reply.getStepId()).isEqualTo("reserve");
        assertThat(reply.getAttempt()).isEqualTo(2);
        assertThat(reply.getKind()).isEqualTo(CommandKind.ACTION);
        assertThat(reply.getOutput()).contains("\"reservationId\":\"r-order-1\"").contains("\"quantity\":3");
        assertThat(reply.getError()).isNull();
        assertThat(payloads).containsExactly(new Reserve("A-1", 3));
        CommandContext context = seen.get(0);
        assertThat(context.commandId()).isEqualTo("order-1:reserve:2:action").isEqualTo(context.idempotencyKey());
        assertThat(context.sagaId()).isEqualTo("order-1");
        assertThat(context.stepId()).isEqualTo("reserve");
        assertThat(context.attempt()).isEqualTo(2);
        assertThat(context.kind()).isEqualTo(dev.skald.saga.machine.CommandKind.ACTION);
        assertThat(context.participant()).isEqualTo("inventory");
        assertThat(context.commandType()).isEqualTo("ReserveStock");
        assertThat(inventory.stats().handled()).isEqualTo(1);
        assertThat(inventory.stats().succeeded()).isEqualTo(1);
        assertThat(inventory.meterRegistry().find(Meters.LATENCY).tag("type", "ReserveStock").timer().count())
                .isEqualTo(1);
    }

    @Test
    void businessAndTransientFailuresBecomeRepliesOfTheirKind() {
        Participant payment = closeLater(Participant.named("payment").config(config().build())
                .handle("Declined", Map.class, (cmd, ctx) -> Reply.failure("card declined"))
                .handle("Refused", Map.class, (cmd, ctx) -> {
                    throw new BusinessFailureException("limit exceeded");
                })
                .handle("Busy", Map.class, (cmd, ctx) -> Reply.retry("gateway busy"))
                .handle("Broken", Map.class, (cmd, ctx) -> {
                    throw new IllegalStateException("connection reset");
                })
                .handle("Refund", Map.class, (cmd, ctx) -> Reply.success(Map.of("compensation", ctx.isCompensation())))
                .start());
        Wire wire = wire();

        wire.send(Commands.action("s-1", "a", "payment", "Declined", "{}"));
        wire.send(Commands.action("s-1", "b", "payment", "Refused", "{}"));
        wire.send(Commands.action("s-1", "c", "payment", "Busy", "{}"));
        wire.send(Commands.action("s-1", "d", "payment", "Broken", "{}"));
        wire.send(Commands.command("s-1", "e", 1, CommandKind.COMPENSATION, "payment", "Refund", "{}"));

        List<SagaReply> replies = awaitReplies(wire, 5);
        assertThat(replies).extracting(SagaReply::getStepId, SagaReply::getOutcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", ReplyOutcome.BUSINESS_FAILURE),
                org.assertj.core.groups.Tuple.tuple("b", ReplyOutcome.BUSINESS_FAILURE),
                org.assertj.core.groups.Tuple.tuple("c", ReplyOutcome.RETRIABLE_FAILURE),
                org.assertj.core.groups.Tuple.tuple("d", ReplyOutcome.RETRIABLE_FAILURE),
                org.assertj.core.groups.Tuple.tuple("e", ReplyOutcome.SUCCESS));
        assertThat(replies).extracting(SagaReply::getError).containsExactly("card declined", "limit exceeded",
                "gateway busy", "IllegalStateException: connection reset", null);
        assertThat(replies.get(4).getKind()).isEqualTo(CommandKind.COMPENSATION);
        assertThat(replies.get(4).getOutput()).isEqualTo("{\"compensation\":true}");
        ParticipantStats stats = payment.stats();
        assertThat(stats.handled()).isEqualTo(5);
        assertThat(stats.businessFailures()).isEqualTo(2);
        assertThat(stats.retriableFailures()).isEqualTo(2);
        assertThat(stats.succeeded()).isEqualTo(1);
    }

    @Test
    void aRedeliveredCommandIsAnsweredWithTheStoredReplyAndItsHandlerRunsOnce() {
        AtomicInteger runs = new AtomicInteger();
        Participant inventory = closeLater(Participant.named("inventory").config(config().build())
                .handle("ReserveStock", Reserve.class, (cmd, ctx) -> {
                    runs.incrementAndGet();
                    return Reply.success(Map.of("reservationId", UUID.randomUUID().toString()));
                })
                .start());
        Wire wire = wire();
        SagaCommand command = Commands.action("order-7", "reserve", "inventory", "ReserveStock", reserve("B-2", 1));

        wire.send(command);
        awaitReplies(wire, 1);
        wire.send(command);

        List<SagaReply> replies = awaitReplies(wire, 2);
        assertThat(runs).hasValue(1);
        assertThat(replies).hasSize(2);
        assertThat(replies.get(1)).isEqualTo(replies.get(0));
        List<ConsumerRecord<byte[], byte[]>> raw = wire.records(topics.replies(), true);
        assertThat(raw.get(1).value()).isEqualTo(raw.get(0).value());
        assertThat(inventory.stats().duplicates()).isEqualTo(1);
        assertThat(inventory.stats().handled()).isEqualTo(1);
        assertThat(inventory.stats().indexedReplies()).isEqualTo(1);
    }

    @Test
    void aCommandDeliveredTwiceInOneBatchIsHandledOnce() {
        Wire wire = wire();
        SagaCommand command = Commands.action("order-8", "reserve", "inventory", "ReserveStock", reserve("C-3", 1));
        kafka.createTopics(3, topics.commands("inventory"));
        wire.send(command);
        wire.send(command);
        AtomicInteger runs = new AtomicInteger();

        closeLater(Participant.named("inventory").config(config().build())
                .handle("ReserveStock", Reserve.class, (cmd, ctx) -> {
                    runs.incrementAndGet();
                    return Reply.success(Map.of("reservationId", UUID.randomUUID().toString()));
                })
                .start());

        List<SagaReply> replies = awaitReplies(wire, 2);
        assertThat(runs).hasValue(1);
        assertThat(replies.get(1)).isEqualTo(replies.get(0));
    }

    @Test
    void anotherInstanceAnswersARedeliveryFromTheReplyLogAfterARestart() {
        AtomicInteger firstRuns = new AtomicInteger();
        AtomicInteger secondRuns = new AtomicInteger();
        Wire wire = wire();
        SagaCommand command = Commands.action("order-9", "reserve", "inventory", "ReserveStock", reserve("D-4", 2));
        try (Participant first = Participant.named("inventory").config(config().build())
                .handle("ReserveStock", Reserve.class, (cmd, ctx) -> {
                    firstRuns.incrementAndGet();
                    return Reply.success(Map.of("reservationId", UUID.randomUUID().toString()));
                })
                .start()) {
            wire.send(command);
            awaitReplies(wire, 1);
            assertThat(first.stats().handled()).isEqualTo(1);
        }

        Participant second = closeLater(Participant.named("inventory").config(config().build())
                .handle("ReserveStock", Reserve.class, (cmd, ctx) -> {
                    secondRuns.incrementAndGet();
                    return Reply.success(Map.of("reservationId", "never"));
                })
                .start());
        wire.send(command);

        List<SagaReply> replies = awaitReplies(wire, 2);
        assertThat(firstRuns).hasValue(1);
        assertThat(secondRuns).hasValue(0);
        assertThat(replies.get(1)).isEqualTo(replies.get(0));
        assertThat(second.stats().duplicates()).isEqualTo(1);
        assertThat(wire.records(topics.replyLog("inventory"), true)).hasSize(1)
                .allSatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8))
                        .isEqualTo("order-9:reserve:1:action"));
    }

    @Test
    void badCommandsGoToDeadLettersWithTheirReasonWhileGoodOnesAreAnswered() {
        Participant inventory = closeLater(Participant.named("inventory").config(config().build())
                .handle("ReserveStock", Reserve.class, (cmd, ctx) -> Reply.success(Map.of("sku", cmd.sku())))
                .start());
        Wire wire = wire();
        String topic = topics.commands("inventory");
        SagaCommand unknownType = Commands.action("s-9", "x", "inventory", "Teleport", "{}");
        SagaCommand badPayload = Commands.action("s-9", "y", "inventory", "ReserveStock",
                "{\"sku\":\"A\",\"quantity\":\"many\"}");
        SagaCommand notJson = Commands.action("s-9", "z", "inventory", "ReserveStock", "{not json");
        SagaCommand otherParticipant = Commands.action("s-9", "w", "payment", "ReserveStock", reserve("A", 1));
        SagaCommand attemptZero = Commands.command("s-9", "v", 0, CommandKind.ACTION, "inventory", "ReserveStock",
                reserve("A", 1));

        wire.send(Commands.action("s-9", "good-1", "inventory", "ReserveStock", reserve("G-1", 1)));
        wire.sendRaw(topic, "s-9", "not avro at all".getBytes(StandardCharsets.UTF_8));
        wire.sendRaw(topic, "s-9", null);
        wire.send(unknownType);
        wire.send(badPayload);
        wire.send(notJson);
        wire.sendRaw(topic, "s-9", wire.encode(otherParticipant));
        wire.send(attemptZero);
        wire.send(Commands.action("s-9", "good-2", "inventory", "ReserveStock", reserve("G-2", 1)));

        List<SagaReply> replies = awaitReplies(wire, 2);
        List<ConsumerRecord<byte[], byte[]>> dead = await().atMost(Duration.ofSeconds(30))
                .until(() -> wire.records(topics.deadLetters(), true), d -> d.size() >= 7);
        assertThat(replies).extracting(SagaReply::getStepId).containsExactly("good-1", "good-2");
        assertThat(dead).extracting(r -> Wire.header(r, DeadLetterHeaders.KIND)).containsExactly("UNDECODABLE",
                "UNDECODABLE", "UNKNOWN_COMMAND_TYPE", "INVALID_PAYLOAD", "INVALID_PAYLOAD", "INVALID_COMMAND",
                "INVALID_COMMAND");
        assertThat(Wire.header(dead.get(0), DeadLetterHeaders.REASON)).contains("not a SagaCommand");
        assertThat(Wire.header(dead.get(1), DeadLetterHeaders.REASON)).contains("no value");
        assertThat(Wire.header(dead.get(2), DeadLetterHeaders.REASON))
                .contains("no handler for command type 'Teleport'").contains("[ReserveStock]");
        assertThat(Wire.header(dead.get(3), DeadLetterHeaders.REASON)).contains(Reserve.class.getName());
        assertThat(Wire.header(dead.get(5), DeadLetterHeaders.REASON)).contains("for participant 'payment'");
        assertThat(Wire.header(dead.get(6), DeadLetterHeaders.REASON)).contains("attempt must be at least 1");
        assertThat(Wire.header(dead.get(2), DeadLetterHeaders.COMMAND_ID)).isEqualTo("s-9:x:1:action");
        List<ConsumerRecord<byte[], byte[]>> sent = wire.records(topic, true);
        for (int i = 0; i < dead.size(); i++) {
            ConsumerRecord<byte[], byte[]> original = sent.get(i + 1);
            ConsumerRecord<byte[], byte[]> letter = dead.get(i);
            assertThat(Wire.header(letter, DeadLetterHeaders.TOPIC)).isEqualTo(topic);
            assertThat(Wire.header(letter, DeadLetterHeaders.PARTITION))
                    .isEqualTo(Integer.toString(original.partition()));
            assertThat(Wire.header(letter, DeadLetterHeaders.OFFSET)).isEqualTo(Long.toString(original.offset()));
            assertThat(Wire.header(letter, DeadLetterHeaders.PARTICIPANT)).isEqualTo("inventory");
            assertThat(letter.key()).isEqualTo(original.key());
            assertThat(letter.value()).isEqualTo(original.value());
        }
        assertThat(inventory.state()).isEqualTo(Participant.State.RUNNING);
        assertThat(inventory.stats().deadLetters()).isEqualTo(7);
        assertThat(inventory.meterRegistry().find(Meters.DEAD_LETTERS).tag("kind", "INVALID_PAYLOAD").counter()
                .count()).isEqualTo(2);
    }

    @Test
    void workersShareTheCommandPartitions() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Participant inventory = closeLater(Participant.named("inventory")
                .config(config().partitions(6).workers(3).build())
                .handle("ReserveStock", Reserve.class, (cmd, ctx) -> {
                    threads.add(Thread.currentThread().getName());
                    return Reply.success();
                })
                .start());
        try (Admin admin = kafka.newAdmin()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> membersWithPartitions(admin,
                    inventory.config().groupIdFor("inventory")) == 3 && inventory.partitions().size() == 6);
        }
        Wire wire = wire();

        for (int i = 0; i < 60; i++) {
            wire.send(Commands.action("order-" + i, "reserve", "inventory", "ReserveStock", reserve("S", 1)));
        }

        assertThat(awaitReplies(wire, 60)).hasSize(60);
        assertThat(threads).hasSize(3);
        assertThat(inventory.partitions()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void instancesJoiningAndLeavingMidStreamAnswerEveryCommandOnce() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CommandHandler<Reserve> handler = (cmd, ctx) -> {
            runs.incrementAndGet();
            return Reply.success(Map.of("by", Thread.currentThread().getName()));
        };
        Wire wire = wire();
        Participant first = closeLater(Participant.named("inventory").config(config().partitions(6).build())
                .handle("ReserveStock", Reserve.class, handler).start());
        sendOrders(wire, 0, 100);
        Participant second = closeLater(Participant.named("inventory").config(config().partitions(6).build())
                .handle("ReserveStock", Reserve.class, handler).start());
        sendOrders(wire, 100, 200);
        try (Admin admin = kafka.newAdmin()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> membersWithPartitions(admin,
                    first.config().groupIdFor("inventory")) == 2);
        }
        sendOrders(wire, 200, 300);

        first.close();
        sendOrders(wire, 300, 400);

        List<SagaReply> replies = awaitReplies(wire, 400);
        assertThat(replies).hasSize(400).extracting(SagaReply::getCommandId).doesNotHaveDuplicates();
        assertThat(runs.get()).isGreaterThanOrEqualTo(400);
        assertThat(first.stats().handled() + second.stats().handled()).isEqualTo(400);
        assertThat(second.partitions()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    private static void sendOrders(Wire wire, int from, int to) {
        for (int i = from; i < to; i++) {
            wire.send(Commands.action("order-" + i, "reserve", "inventory", "ReserveStock", reserve("S", 1)));
        }
    }

    private static long membersWithPartitions(Admin admin, String group) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                .get(10, TimeUnit.SECONDS).get(group);
        return description.members().stream().map(MemberDescription::assignment)
                .filter(a -> !a.topicPartitions().isEmpty()).count();
    }

    @Test
    void closeFinishesAndCommitsTheBatchInFlight() throws Exception {
        Wire wire = wire();
        kafka.createTopics(3, topics.commands("inventory"));
        for (int i = 0; i < 5; i++) {
            wire.send(Commands.action("order-x", "step-" + i, "inventory", "ReserveStock", reserve("S", 1)));
        }
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        Participant inventory = Participant.named("inventory").config(config().build())
                .handle("ReserveStock", Reserve.class, (cmd, ctx) -> {
                    runs.incrementAndGet();
                    entered.countDown();
                    release.await(30, TimeUnit.SECONDS);
                    return Reply.success();
                })
                .start();
        assertThat(entered.await(60, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(inventory::close);
        await().atMost(Duration.ofSeconds(10)).until(() -> inventory.state() == Participant.State.STOPPING);
        release.countDown();
        closing.get(60, TimeUnit.SECONDS);

        assertThat(inventory.state()).isEqualTo(Participant.State.STOPPED);
        assertThat(runs).hasValue(5);
        assertThat(wire.replies()).hasSize(5);
        Participant next = closeLater(Participant.named("inventory").config(config().build())
                .handle("ReserveStock", Reserve.class, (cmd, ctx) -> {
                    runs.incrementAndGet();
                    return Reply.success();
                })
                .start());
        await().atMost(Duration.ofSeconds(60)).until(() -> next.partitions().size() == 3);
        wire.send(Commands.action("order-x", "after", "inventory", "ReserveStock", reserve("S", 1)));
        awaitReplies(wire, 6);
        assertThat(runs).hasValue(6);
    }

    @Test
    void aSecondLiveInstanceWithTheSameInstanceIdFencesTheFirst() {
        AtomicInteger runs = new AtomicInteger();
        ParticipantConfig sameId = config().instanceId("twin").build();
        Participant first = closeLater(Participant.named("inventory").config(sameId)
                .handle("ReserveStock", Reserve.class, (cmd, ctx) -> {
                    runs.incrementAndGet();
                    return Reply.success();
                })
                .start());
        await().atMost(Duration.ofSeconds(60)).until(() -> first.partitions().size() == 3);
        Participant second = closeLater(Participant.named("inventory").config(sameId)
                .handle("ReserveStock", Reserve.class, (cmd, ctx) -> {
                    runs.incrementAndGet();
                    return Reply.success();
                })
                .start());
        Wire wire = wire();

        for (int i = 0; i < 12; i++) {
            wire.send(Commands.action("order-" + i, "reserve", "inventory", "ReserveStock", reserve("S", 1)));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> first.state() == Participant.State.FAILED);
        assertThat(first.failure()).get().satisfiesAnyOf(
                f -> assertThat(f).isInstanceOf(FencedInstanceIdException.class),
                f -> assertThat(f).hasMessageContaining("another live instance uses instance.id 'twin'")
                        .hasCauseInstanceOf(ProducerFencedException.class));
        List<SagaReply> replies = awaitReplies(wire, 12);
        assertThat(replies).extracting(SagaReply::getCommandId).doesNotHaveDuplicates().hasSize(12);
        assertThat(second.state()).isEqualTo(Participant.State.RUNNING);
    }
}
