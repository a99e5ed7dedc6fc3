package dev.skald.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skald.avro.ReplyOutcome;
import dev.skald.avro.SagaReply;
import dev.skald.participant.ParticipantHealth.Status;
import dev.skald.testkit.EmbeddedKafka;
import dev.skald.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A slow handler, or a producer fenced again and again, does not stop a participant: the overrunning command is
 * answered with a retriable failure and the worker goes on; a fenced worker replaces its clients and recovers.
 */
@Tag("kafka")
@WithKafka
class SlowHandlerIT {
    private static final AtomicInteger TESTS = new AtomicInteger();
    private static final String REGISTRY = "mock://slow-handler-it";

    private final EmbeddedKafka kafka;
    private final ParticipantTopics topics = new ParticipantTopics("slow" + TESTS.incrementAndGet() + ".");
    private final List<AutoCloseable> closeables = new ArrayList<>();

    SlowHandlerIT(EmbeddedKafka kafka) {
        this.kafka = kafka;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    private ParticipantConfig.Builder config() {
        return ParticipantConfig.builder(kafka.bootstrapServers()).schemaRegistryUrl(REGISTRY).topics(topics)
                .partitions(3).pollTimeout(Duration.ofMillis(50)).shutdownTimeout(Duration.ofSeconds(10));
    }

    private static List<SagaReply> awaitReplies(Wire wire, int count) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(wire::replies, r -> r.size() >= count);
    }

    @Test
    void aHandlerPastItsDeadlineGetsARetriableFailureAndTheNextCommandIsHandled() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicInteger slowEnded = new AtomicInteger();
        Participant inventory = closeLater(Participant.named("inventory")
                .config(config().transactionTimeout(Duration.ofSeconds(10)).handlerTimeout(Duration.ofSeconds(1))
                        .build())
                .handle("Slow", Map.class, (cmd, ctx) -> {
                    Stubborn.await(release, interrupted);
                    slowEnded.incrementAndGet();
                    return Reply.success(Map.of("late", true));
                })
                .handle("Fast", Map.class, (cmd, ctx) -> Reply.success())
                .start());
        Wire wire = closeLater(new Wire(kafka.bootstrapServers(), REGISTRY, topics));

        wire.send(Commands.action("order-1", "slow", "inventory", "Slow", "{}"));
        wire.send(Commands.action("order-1", "fast", "inventory", "Fast", "{}"));

        List<SagaReply> replies = awaitReplies(wire, 2);
        assertThat(replies).extracting(SagaReply::getStepId).containsExactly("slow", "fast");
        assertThat(replies.get(0).getOutcome()).isEqualTo(ReplyOutcome.RETRIABLE_FAILURE);
        assertThat(replies.get(0).getError()).isEqualTo("the handler of Slow exceeded its deadline of 1s"
                + " (handler.timeout) and was interrupted");
        assertThat(replies.get(1).getOutcome()).isEqualTo(ReplyOutcome.SUCCESS);
        await().atMost(Duration.ofSeconds(10)).until(() -> interrupted.getCount() == 0);
        ParticipantHealth stuck = inventory.health();
        assertThat(stuck.status()).isEqualTo(Status.RUNNING);
        assertThat(stuck.overrunningHandlers()).isEqualTo(1);

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> inventory.health().overrunningHandlers() == 0);
        wire.send(Commands.action("order-1", "after", "inventory", "Fast", "{}"));

        List<SagaReply> all = awaitReplies(wire, 3);
        assertThat(slowEnded).hasValue(1);
        assertThat(all).as("the late end of the slow handler answers nothing").hasSize(3)
                .extracting(SagaReply::getStepId).containsExactly("slow", "fast", "after");
        assertThat(inventory.state()).isEqualTo(Participant.State.RUNNING);
        assertThat(inventory.health().status()).isEqualTo(Status.RUNNING);
        assertThat(inventory.stats().retriableFailures()).isEqualTo(1);
        assertThat(inventory.stats().succeeded()).isEqualTo(2);
        assertThat(inventory.stats().abortedTransactions()).isZero();
    }

    @Test
    void aWorkerWhoseProducerIsFencedAgainAndAgainRecoversInsteadOfStopping() throws Exception {
        Semaphore entered = new Semaphore(0);
        Semaphore proceed = new Semaphore(0);
        AtomicInteger calls = new AtomicInteger();
        ParticipantConfig config = config().instanceId("fenced").handlerTimeout(Duration.ofSeconds(20)).build();
        Participant inventory = closeLater(Participant.named("inventory").config(config)
                .handle("Reserve", Map.class, (cmd, ctx) -> {
                    calls.incrementAndGet();
                    entered.release();
                    return proceed.tryAcquire(30, TimeUnit.SECONDS) ? Reply.success() : Reply.retry("not released");
                })
                .start());
        Wire wire = closeLater(new Wire(kafka.bootstrapServers(), REGISTRY, topics));
        String transactionalId = config.groupIdFor("inventory") + "-fenced-0";

        wire.send(Commands.action("order-1", "reserve", "inventory", "Reserve", "{}"));
        for (int fenced = 1; fenced <= 4; fenced++) {
            assertThat(entered.tryAcquire(60, TimeUnit.SECONDS)).as("handler call %d", fenced).isTrue();
            fence(transactionalId);
            proceed.release();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                    .until(() -> inventory.health().status() == Status.DEGRADED);
        }
        assertThat(entered.tryAcquire(60, TimeUnit.SECONDS)).isTrue();
        proceed.release();

        List<SagaReply> replies = awaitReplies(wire, 1);
        assertThat(replies).hasSize(1).first().satisfies(r -> assertThat(r.getOutcome())
                .isEqualTo(ReplyOutcome.SUCCESS));
        await().atMost(Duration.ofSeconds(30)).until(() -> inventory.health().status() == Status.RUNNING);
        ParticipantHealth health = inventory.health();
        assertThat(inventory.state()).isEqualTo(Participant.State.RUNNING);
        assertThat(health.workers()).singleElement().satisfies(worker -> {
            assertThat(worker.restarts()).isGreaterThanOrEqualTo(1);
            assertThat(worker.failuresInARow()).isZero();
            assertThat(worker.lastError()).contains("Fenced");
        });
        assertThat(calls).hasValue(5);
        assertThat(inventory.stats().abortedTransactions()).isGreaterThanOrEqualTo(4);
    }

    /** Fences the worker's producer, as a second producer with its transactional id does. */
    private void fence(String transactionalId) {
        try (KafkaProducer<byte[], byte[]> other = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            other.initTransactions();
        }
    }
}
