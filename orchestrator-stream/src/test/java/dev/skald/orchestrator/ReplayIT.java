package dev.skald.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skald.avro.SagaCommand;
import dev.skald.avro.SagaStateRecord;
import dev.skald.orchestrator.TestParticipants.Answer;
import dev.skald.saga.definition.RetryPolicy;
import dev.skald.saga.definition.Saga;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.machine.SagaInput;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepStatus;
import dev.skald.testkit.EmbeddedKafka;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Recovery by replay on a real broker: an orchestrator in replay mode under a new application id reads the input
 * topics from the beginning and rebuilds saga states identical to the live instance's, saga by saga, without
 * sending anything.
 */
@Tag("kafka")
class ReplayIT {
    private final Set<String> retriedOnce = ConcurrentHashMap.newKeySet();

    private static SagaDefinition order() {
        return Saga.named("order").version(1)
                .step("reserve").call("inventory", "Reserve").input(Map.of("sku", "${input.sku}"))
                    .compensateWith("inventory", "Release")
                .step("charge").call("payment", "Charge").input(Map.of("mode", "${input.charge}"))
                    .retry(RetryPolicy.fixed(3, Duration.ofMillis(200))).compensateWith("payment", "Refund")
                .step("ship").call("shipping", "Ship")
                .build();
    }

    /** Charge commands behave as their saga's input says; every other command succeeds. */
    private Answer script(SagaCommand command) {
        String commandId = command.getCommandId();
        String mode = command.getCommandType().equals("Charge")
                ? command.getPayload().replaceAll(".*\"mode\":\"(\\w+)\".*", "$1") : command.getCommandType();
        return switch (mode) {
            case "Decline" -> Answer.fail("declined");
            case "Hold" -> null;
            case "Flaky" -> retriedOnce.add(commandId.substring(0, commandId.indexOf(':'))) ? Answer.retry("busy")
                    : Answer.ok("{\"charged\":true}");
            default -> Answer.ok("{\"done\":\"" + mode + "\"}");
        };
    }

    private static OrchestratorConfig config(EmbeddedKafka kafka, String applicationId, boolean replay)
            throws Exception {
        return OrchestratorConfig.builder(kafka.bootstrapServers()).applicationId(applicationId)
                .schemaRegistryUrl("mock://replay-it").partitions(3)
                .stateDir(Files.createTempDirectory("skald-replay")).commitInterval(Duration.ofMillis(50))
                .timerInterval(Duration.ofMillis(50)).replay(replay).build();
    }

    @Test
    void aReplayIntoANewApplicationIdRebuildsEverySagaIdenticallyAndSendsNothing() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             Orchestrator live = Orchestrator.start(config(kafka, "replay-live", false));
             TestParticipants participants = new TestParticipants(live.config(),
                     this::script)) {
            live.apply(order());
            List<String> ids = new ArrayList<>();
            for (String charge : List.of("Charge", "Flaky", "Decline", "Hold")) {
                for (int i = 0; i < 5; i++) {
                    ids.add(live.startSaga(StartRequest.of("order", Map.of("sku", "A-" + i, "charge", charge))));
                }
            }
            String cancelled = ids.get(ids.size() - 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> live.queries().saga(cancelled)
                    .filter(s -> s.steps().get(1).status() == StepStatus.RUNNING).isPresent());
            live.control(cancelled, SagaInput.ControlAction.CANCEL, "changed my mind");
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(ids).allSatisfy(id -> assertThat(live.queries().saga(id)).hasValueSatisfying(s ->
                            assertThat(settled(s, id.equals(cancelled))).as("settled: %s", s).isTrue())));
            // whole stored states, timers and inbox included: more than the views show
            Map<String, SagaStateRecord> original = ids.stream()
                    .collect(Collectors.toMap(id -> id, id -> live.stores().saga(id).orElseThrow()));
            Map<TopicPartition, Long> outputsBefore = quietEndOffsets(kafka, live.config());

            try (Orchestrator rebuilt = Orchestrator.start(config(kafka, "replay-rebuild", true))) {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    for (String id : ids) {
                        assertThat(rebuilt.stores().saga(id)).as(id).contains(original.get(id));
                    }
                });
                assertThat(endOffsets(kafka, live.config())).as("the replay sent nothing")
                        .isEqualTo(outputsBefore);
            }
        }
    }

    /** Whether a saga reached where its script leaves it: ended, or holding on its charge step (cancelled or not). */
    private static boolean settled(SagaView saga, boolean cancelled) {
        String charge = saga.input().path("charge").asText();
        SagaStatus status = saga.status();
        return switch (charge) {
            case "Charge", "Flaky" -> status == SagaStatus.COMPLETED;
            case "Decline" -> status == SagaStatus.COMPENSATED;
            default -> status == (cancelled ? SagaStatus.COMPENSATING : SagaStatus.RUNNING)
                    && saga.steps().get(1).status() == StepStatus.RUNNING;
        };
    }

    /**
     * End offsets once the live instance has written everything: a store shows a change before its transaction
     * (results, history) is flushed, so wait until two reads a second apart agree.
     */
    private static Map<TopicPartition, Long> quietEndOffsets(EmbeddedKafka kafka, OrchestratorConfig config) {
        AtomicReference<Map<TopicPartition, Long>> last = new AtomicReference<>(Map.of());
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> endOffsets(kafka, config), now -> now.equals(last.getAndSet(now)));
    }

    /** End offsets of every topic the orchestrator writes to (commands, history, results, timers, dead letters). */
    private static Map<TopicPartition, Long> endOffsets(EmbeddedKafka kafka, OrchestratorConfig config)
            throws Exception {
        SkaldTopics topics = config.topics();
        List<String> outputs = List.of(topics.commands("inventory"), topics.commands("payment"),
                topics.commands("shipping"), topics.history(), topics.results(), topics.timers(),
                topics.deadLetters(), topics.starts(), topics.control(), topics.replies());
        try (Admin admin = Admin.create(config.clientProperties())) {
            Map<TopicPartition, OffsetSpec> request = admin.describeTopics(outputs).allTopicNames().get().values()
                    .stream().flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(),
                            p.partition())))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            return admin.listOffsets(request).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }
}
