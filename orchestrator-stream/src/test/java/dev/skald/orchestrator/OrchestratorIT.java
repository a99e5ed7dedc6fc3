package dev.skald.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skald.orchestrator.TestParticipants.Answer;
import dev.skald.saga.definition.RetryPolicy;
import dev.skald.saga.definition.Saga;
import dev.skald.saga.definition.SagaDefinition;
import dev.skald.saga.format.ConductorWorkflows;
import dev.skald.saga.json.Json;
import dev.skald.saga.machine.SagaInput;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepStatus;
import dev.skald.testkit.EmbeddedKafka;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Sagas run end to end on a real broker: the orchestrator topology, exactly-once, with scripted participants. */
@Tag("kafka")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrchestratorIT {
    private EmbeddedKafka kafka;
    private Orchestrator orchestrator;
    private TestParticipants participants;
    private final Set<String> dropOnce = ConcurrentHashMap.newKeySet();

    @BeforeAll
    void start() throws IOException {
        kafka = EmbeddedKafka.start();
        Path state = Files.createTempDirectory("skald-it");
        OrchestratorConfig config = OrchestratorConfig.builder(kafka.bootstrapServers())
                .applicationId("orchestrator-it").schemaRegistryUrl("mock://orchestrator-it")
                .partitions(3).stateDir(state).commitInterval(Duration.ofMillis(50))
                .timerInterval(Duration.ofMillis(50)).build();
        orchestrator = Orchestrator.start(config);
        participants = new TestParticipants(config, command -> script(command.getCommandType(),
                command.getCommandId(), command.getPayload()));
        orchestrator.apply(order());
    }

    /** Command types tell the scripted participants how to answer. */
    private Answer script(String type, String commandId, String payload) {
        if (type.startsWith("Fail")) {
            return Answer.fail("refused by " + type);
        }
        if (type.startsWith("Flaky") && dropOnce.add(commandId.substring(0, commandId.lastIndexOf(':') - 2))) {
            return Answer.retry("flaky once");
        }
        if (type.startsWith("Silent")) {
            return null;
        }
        if (type.startsWith("SlowFirst") && commandId.contains(":1:")) {
            return null;
        }
        return Answer.ok("{\"done\":\"" + type + "\",\"payload\":" + payload + "}");
    }

    @AfterAll
    void stop() throws InterruptedException {
        participants.close();
        orchestrator.close();
        kafka.close();
    }

    private static SagaDefinition order() {
        return Saga.named("order").version(1)
                .step("reserve").call("inventory", "Reserve").input(Map.of("sku", "${input.sku}"))
                    .compensateWith("inventory", "Release")
                .step("charge").call("payment", "Charge")
                    .compensateWith("payment", "Refund")
                .step("ship").call("shipping", "Ship").compensateWith("shipping", "CancelShipment")
                .step("notify").call("notification", "Notify")
                .build();
    }

    private String run(SagaDefinition definition, Map<String, ?> input) {
        orchestrator.apply(definition);
        return orchestrator.startSaga(StartRequest.of(definition.name(), input).version(definition.version()));
    }

    private SagaView awaitStatus(String sagaId, SagaStatus status) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> saga(sagaId).orElse(null), s -> s != null && s.status() == status);
    }

    private Optional<SagaView> saga(String sagaId) {
        return orchestrator.queries().saga(sagaId);
    }

    @Test
    void aFourStepSagaCompletes() {
        String id = orchestrator.startSaga(StartRequest.of("order", Map.of("sku", "A-1")));

        SagaView done = awaitStatus(id, SagaStatus.COMPLETED);

        assertThat(participants.trace(id)).containsExactly("reserve", "charge", "ship", "notify");
        assertThat(done.steps()).allSatisfy(s -> assertThat(s.status()).isEqualTo(StepStatus.COMPLETED));
        assertThat(done.steps().get(0).output().at("/payload/sku").asText()).isEqualTo("A-1");
    }

    @Test
    void aSagaReadsBackWithItsHistoryThroughTheQueries() {
        String id = orchestrator.startSaga(StartRequest.of("order", Map.of("sku", "A-2")));

        awaitStatus(id, SagaStatus.COMPLETED);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(orchestrator.queries().history(id))
                .hasValueSatisfying(history -> assertThat(history).last().satisfies(entry -> {
                    assertThat(entry.type()).isEqualTo("SAGA_TRANSITION");
                    assertThat(entry.to()).isEqualTo("COMPLETED");
                })));
        assertThat(orchestrator.queries().sagas(SagaFilter.all().definition("order").status(SagaStatus.COMPLETED),
                1_000)).extracting(SagaView::sagaId).contains(id);
        assertThat(orchestrator.queries().saga("no-such-saga")).isEmpty();
        assertThat(orchestrator.queries().history("no-such-saga")).isEmpty();
    }

    @Test
    void aFailureCompensatesCompletedStepsInReverseOrder() {
        SagaDefinition failing = Saga.named("failing").version(1)
                .step("reserve").call("inventory", "Reserve").compensateWith("inventory", "Release")
                .step("charge").call("payment", "Charge").compensateWith("payment", "Refund")
                .step("ship").call("shipping", "FailShip")
                .build();

        String id = run(failing, Map.of());

        awaitStatus(id, SagaStatus.COMPENSATED);
        assertThat(participants.trace(id)).containsExactly("reserve", "charge", "ship", "charge:undo",
                "reserve:undo");
    }

    @Test
    void aRetriableFailureIsRetriedWithBackoff() {
        SagaDefinition flaky = Saga.named("flaky").version(1)
                .step("a").call("svc", "FlakyA").retry(RetryPolicy.fixed(3, Duration.ofMillis(300)))
                .build();

        String id = run(flaky, Map.of());

        SagaView done = awaitStatus(id, SagaStatus.COMPLETED);
        assertThat(done.steps().get(0).attempts()).isEqualTo(2);
    }

    @Test
    void anUnansweredAttemptTimesOutAndIsRetried() {
        SagaDefinition slow = Saga.named("slow").version(1)
                .step("a").call("svc", "SlowFirstA").responseTimeout(Duration.ofMillis(500))
                    .retry(RetryPolicy.fixed(3, Duration.ofMillis(100)))
                .build();

        String id = run(slow, Map.of());

        SagaView done = awaitStatus(id, SagaStatus.COMPLETED);
        assertThat(done.steps().get(0).attempts()).isEqualTo(2);
    }

    @Test
    void theSagaTimeoutEndsTheSagaWhileAStepNeverAnswersAndCompensatesWhatCompleted() {
        SagaDefinition stuck = Saga.named("stuck").version(1)
                .step("a").call("svc", "A").compensateWith("svc", "UndoA")
                .step("b").call("svc", "SilentB")
                .sagaTimeout(Duration.ofSeconds(2))
                .build();

        String id = run(stuck, Map.of());

        SagaView end = awaitStatus(id, SagaStatus.COMPENSATED);
        assertThat(end.error()).contains("timed out");
        assertThat(end.steps()).extracting(StepView::status)
                .containsExactly(StepStatus.COMPENSATED, StepStatus.CANCELLED);
        assertThat(participants.trace(id)).containsExactly("a", "b", "a:undo");
    }

    @Test
    void independentStepsRunInParallel() {
        SagaDefinition parallel = Saga.named("parallel").version(1)
                .step("a").call("svc", "A")
                .step("b").call("svc", "B").dependsOn()
                .step("c").call("svc", "C").dependsOn("a", "b")
                .build();

        String id = run(parallel, Map.of());

        awaitStatus(id, SagaStatus.COMPLETED);
        assertThat(participants.trace(id).subList(0, 2)).containsExactlyInAnyOrder("a", "b");
        assertThat(participants.trace(id).get(2)).isEqualTo("c");
    }

    @Test
    void pauseHoldsTheSagaAndResumeContinuesIt() {
        SagaDefinition waiting = Saga.named("pausable").version(1)
                .step("wait").waitFor(Duration.ofSeconds(1))
                .step("a").call("svc", "A")
                .build();

        String id = run(waiting, Map.of());
        orchestrator.control(id, SagaInput.ControlAction.PAUSE, "test");
        awaitStatus(id, SagaStatus.PAUSED);
        await().atMost(Duration.ofSeconds(30)).until(() -> saga(id).orElseThrow().steps().get(0).status()
                == StepStatus.COMPLETED);
        assertThat(participants.trace(id)).isEmpty();

        orchestrator.control(id, SagaInput.ControlAction.RESUME, "test");

        awaitStatus(id, SagaStatus.COMPLETED);
        assertThat(participants.trace(id)).containsExactly("a");
    }

    @Test
    void cancelCompensatesCompletedSteps() {
        SagaDefinition waiting = Saga.named("cancellable").version(1)
                .step("a").call("svc", "A").compensateWith("svc", "UndoA")
                .step("hold").awaitEvent("Go")
                .build();

        String id = run(waiting, Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> saga(id).map(s -> s.steps().get(1).status())
                .orElse(null) == StepStatus.WAITING);
        orchestrator.control(id, SagaInput.ControlAction.CANCEL, "customer changed their mind");

        awaitStatus(id, SagaStatus.COMPENSATED);
        assertThat(participants.trace(id)).containsExactly("a", "a:undo");
    }

    @Test
    void theSeedsUserOnboardingConductorWorkflowRunsEndToEnd() throws IOException {
        SagaDefinition onboarding;
        try (InputStream in = getClass().getResourceAsStream("/seeds/user_onboarding_workflow.json")) {
            onboarding = ConductorWorkflows.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }

        String id = run(onboarding, Map.of("email", "ann@example.com", "name", "Ann", "phone", "+3312345678"));

        awaitStatus(id, SagaStatus.COMPLETED);
        assertThat(participants.trace(id)).containsExactly("create_user", "verify_email", "notification_setup");
        assertThat(participants.seen().stream().filter(c -> c.getSagaId().equals(id)).findFirst().orElseThrow()
                .getPayload()).contains("ann@example.com");
    }

    @Test
    void aSubSagaStepRunsAChildSagaAndTakesItsOutcome() {
        orchestrator.apply(Saga.named("shipping").version(1)
                .step("label").call("shipping", "Label").input(Map.of("order", "${input.order}"))
                .output(Map.of("tracking", "${label.output.done}"))
                .build());
        SagaDefinition parent = Saga.named("parent").version(1)
                .step("child").subSaga("shipping").input(Map.of("order", "${input.orderId}"))
                .step("after").call("svc", "After").input(Map.of("tracking", "${child.output.tracking}"))
                .build();

        String id = run(parent, Map.of("orderId", "o-77"));

        awaitStatus(id, SagaStatus.COMPLETED);
        assertThat(saga(id + "/child/1")).hasValueSatisfying(child -> {
            assertThat(child.status()).isEqualTo(SagaStatus.COMPLETED);
            assertThat(child.parent()).isEqualTo(id);
        });
        assertThat(participants.seen().stream().filter(c -> c.getSagaId().equals(id) && c.getStepId().equals("after"))
                .findFirst().orElseThrow().getPayload()).contains("\"tracking\":\"Label\"");
    }

    @Test
    void anExternalEventCompletesAnEventWait() {
        SagaDefinition evented = Saga.named("evented").version(1)
                .step("paid").awaitEvent("PaymentReceived").correlatedBy("${input.orderId}")
                .step("ship").call("shipping", "Ship").input(Map.of("amount", "${paid.output.amount}"))
                .build();

        String id = run(evented, Map.of("orderId", "o-5"));
        await().atMost(Duration.ofSeconds(30)).until(() -> saga(id).map(s -> s.steps().get(0).status())
                .orElse(null) == StepStatus.WAITING);
        orchestrator.publishEvent(id, "PaymentReceived", "o-5", Json.tree(Map.of("amount", 12)));

        awaitStatus(id, SagaStatus.COMPLETED);
        assertThat(participants.seen().stream().filter(c -> c.getSagaId().equals(id)).findFirst().orElseThrow()
                .getPayload()).isEqualTo("{\"amount\":12}");
    }
}
