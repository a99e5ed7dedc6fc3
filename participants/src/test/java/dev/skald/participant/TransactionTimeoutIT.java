package dev.skald.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skald.avro.SagaReply;
import dev.skald.testkit.EmbeddedKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A handler slower than the transaction timeout: the broker aborts the transaction under it, and the participant
 * rolls back and handles the batch again instead of failing.
 */
@Tag("kafka")
class TransactionTimeoutIT {

    @Test
    void aTransactionTheBrokerAbortedIsHandledAgain() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder()
                .brokerProperty("transaction.abort.timed.out.transaction.cleanup.interval.ms", 200).start();
             Admin admin = kafka.newAdmin()) {
            ParticipantTopics topics = new ParticipantTopics("timeout.");
            String registry = "mock://transaction-timeout-it";
            kafka.createTopics(3, topics.commands("inventory"));
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger fastRuns = new AtomicInteger();
            try (Wire wire = new Wire(kafka.bootstrapServers(), registry, topics)) {
                wire.send(Commands.action("order-1", "fast", "inventory", "Fast", "{}"));
                wire.send(Commands.action("order-1", "slow", "inventory", "Slow", "{}"));
                ParticipantConfig config = ParticipantConfig.builder(kafka.bootstrapServers())
                        .schemaRegistryUrl(registry).topics(topics).partitions(3).instanceId("slow")
                        .transactionTimeout(Duration.ofSeconds(2)).pollTimeout(Duration.ofMillis(50)).build();
                try (Participant inventory = Participant.named("inventory").config(config)
                        .handle("Fast", Map.class, (cmd, ctx) -> {
                            fastRuns.incrementAndGet();
                            return Reply.success();
                        })
                        .handle("Slow", Map.class, (cmd, ctx) -> {
                            release.await(60, TimeUnit.SECONDS);
                            return Reply.success();
                        })
                        .start()) {
                    String transactionalId = config.groupIdFor("inventory") + "-slow-0";

                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> state(admin, transactionalId) == TransactionState.ONGOING);
                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> state(admin, transactionalId) == TransactionState.COMPLETE_ABORT);
                    release.countDown();

                    List<SagaReply> replies = await().atMost(Duration.ofSeconds(60))
                            .until(wire::replies, r -> r.size() >= 2);
                    assertThat(replies).extracting(SagaReply::getStepId).containsExactly("fast", "slow");
                    assertThat(fastRuns).hasValue(2);
                    assertThat(inventory.state()).isEqualTo(Participant.State.RUNNING);
                    assertThat(inventory.stats().abortedTransactions()).isGreaterThanOrEqualTo(1);
                }
            }
        }
    }

    private static TransactionState state(Admin admin, String transactionalId) throws Exception {
        TransactionDescription description = admin.describeTransactions(List.of(transactionalId)).all()
                .get(10, TimeUnit.SECONDS).get(transactionalId);
        return description.state();
    }
}
