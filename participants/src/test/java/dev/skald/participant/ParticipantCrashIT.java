package dev.skald.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skald.avro.ReplyOutcome;
import dev.skald.avro.SagaCommand;
import dev.skald.avro.SagaReply;
import dev.skald.examples.ExampleServices;
import dev.skald.testkit.EmbeddedKafka;
import dev.skald.testkit.JvmProcess;
import dev.skald.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A participant process killed with SIGKILL in the middle of a transaction, then restarted: every command is
 * answered exactly once on the reply topic (read_committed), and the replies the dead process had written in its
 * open transaction are aborted, not delivered.
 */
@Tag("kafka")
@Tag("slow")
@WithKafka
class ParticipantCrashIT {
    private static final int COMMANDS = 600;
    private static final int STALL_AFTER = 275;
    private static final ParticipantTopics TOPICS = new ParticipantTopics("crash.");

    private final EmbeddedKafka kafka;

    ParticipantCrashIT(EmbeddedKafka kafka) {
        this.kafka = kafka;
    }

    private JvmProcess.Builder inventoryProcess(String registryUrl, String... extra) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", kafka.bootstrapServers(),
                "--schema-registry-url", registryUrl, "--services", "inventory", "--stock", "CRASH=1000000",
                "--topic.prefix", TOPICS.prefix(), "--instance.id", "crash-1", "--partitions", "3",
                "--max.batch", "50", "--poll.timeout", "50ms"));
        args.addAll(List.of(extra));
        return JvmProcess.builder(ExampleServices.class).name("inventory").args(args.toArray(String[]::new))
                .readyLine("example services running").startTimeout(Duration.ofSeconds(90));
    }

    private static SagaCommand reserve(int i) {
        String order = String.format("order-%04d", i);
        return Commands.action(order, "reserve", "inventory", "ReserveStock",
                "{\"orderId\":\"" + order + "\",\"sku\":\"CRASH\",\"quantity\":1}");
    }

    @Test
    void everyCommandIsAnsweredExactlyOnceAcrossAKillMidTransaction() {
        try (RegistryServer registry = RegistryServer.start();
             Wire wire = new Wire(kafka.bootstrapServers(), registry.url(), TOPICS)) {
            kafka.createTopics(3, TOPICS.commands("inventory"));
            List<SagaCommand> commands = new ArrayList<>();
            for (int i = 0; i < COMMANDS; i++) {
                commands.add(reserve(i));
                wire.send(commands.get(i));
            }

            int committedAtKill;
            int writtenAtKill;
            try (JvmProcess first = inventoryProcess(registry.url(), "--stall-after", Integer.toString(STALL_AFTER),
                    "--slowness", "2ms").start()) {
                first.awaitLine("stalled after " + STALL_AFTER, Duration.ofSeconds(90));
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> replyCount(wire, false) > replyCount(wire, true));
                committedAtKill = replyCount(wire, true);
                writtenAtKill = replyCount(wire, false);
                first.kill();
            }
            assertThat(committedAtKill).isBetween(1, STALL_AFTER);
            assertThat(writtenAtKill).isGreaterThan(committedAtKill);

            try (JvmProcess second = inventoryProcess(registry.url()).start()) {
                List<SagaReply> replies = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                        .until(wire::replies, r -> r.size() >= COMMANDS);

                assertThat(replies).hasSize(COMMANDS);
                assertThat(replies).extracting(SagaReply::getCommandId).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(ids(commands));
                assertThat(replies).extracting(SagaReply::getOutcome).containsOnly(ReplyOutcome.SUCCESS);
                assertThat(replyCount(wire, false)).as("replies written, aborted ones included")
                        .isGreaterThan(COMMANDS);
                List<ConsumerRecord<byte[], byte[]>> log = wire.records(TOPICS.replyLog("inventory"), true);
                assertThat(log).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                        .doesNotHaveDuplicates().hasSize(COMMANDS);

                redeliveriesAfterTheCrashAreAnsweredFromTheReplyLog(wire, commands, replies);
                assertThat(second.isAlive()).isTrue();
            }
        }
    }

    private static void redeliveriesAfterTheCrashAreAnsweredFromTheReplyLog(Wire wire, List<SagaCommand> commands,
                                                                           List<SagaReply> firstReplies) {
        List<SagaCommand> again = commands.subList(0, 10);
        again.forEach(wire::send);

        List<SagaReply> all = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(wire::replies, r -> r.size() >= COMMANDS + again.size());

        assertThat(all).hasSize(COMMANDS + again.size());
        Map<String, SagaReply> first = firstReplies.stream()
                .collect(Collectors.toMap(SagaReply::getCommandId, Function.identity()));
        Map<String, List<SagaReply>> byId = all.stream().collect(Collectors.groupingBy(SagaReply::getCommandId));
        for (SagaCommand command : again) {
            assertThat(byId.get(command.getCommandId())).hasSize(2)
                    .allSatisfy(r -> assertThat(r).isEqualTo(first.get(command.getCommandId())));
        }
    }

    private static Set<String> ids(Collection<SagaCommand> commands) {
        return commands.stream().map(SagaCommand::getCommandId).collect(Collectors.toSet());
    }

    private static int replyCount(Wire wire, boolean committedOnly) {
        return wire.records(TOPICS.replies(), committedOnly).size();
    }
}
