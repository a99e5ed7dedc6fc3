package dev.skald.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skald.avro.SagaReply;
import dev.skald.examples.FailureInjection.Mode;
import dev.skald.examples.onboarding.OnboardingSaga;
import dev.skald.examples.onboarding.OnboardingServices;
import dev.skald.examples.order.OrderSaga;
import dev.skald.examples.order.OrderServices;
import dev.skald.orchestrator.Orchestrator;
import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.orchestrator.SagaView;
import dev.skald.orchestrator.StartRequest;
import dev.skald.orchestrator.StepView;
import dev.skald.participant.Participant;
import dev.skald.participant.ParticipantConfig;
import dev.skald.participant.ParticipantTopics;
import dev.skald.participant.Wire;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepStatus;
import dev.skald.testkit.EmbeddedKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The example services behind the real orchestrator on a real broker: order sagas that complete or roll back under
 * injected failures, checked against the services' own state, and the Conductor onboarding workflow.
 */
@Tag("kafka")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderSagaIT {
    private static final int SHIP_ATTEMPTS = 4;

    private final FailureInjection failures = FailureInjection.builder().seed(7)
            .fail("Charge", Mode.BUSINESS, 0.2)
            .fail("CreateShipment", Mode.BUSINESS, 0.15)
            .fail("CreateShipment", Mode.TRANSIENT, 0.4)
            .fail("SendConfirmation", Mode.BUSINESS, 0.3)
            .build();
    private final String registry = "mock://order-saga-it";
    private EmbeddedKafka kafka;
    private Orchestrator orchestrator;
    private OrderServices services;
    private OnboardingServices onboarding;

    @BeforeAll
    void start() throws IOException {
        kafka = EmbeddedKafka.start();
        orchestrator = Orchestrator.start(OrchestratorConfig.builder(kafka.bootstrapServers())
                .applicationId("order-saga-it").schemaRegistryUrl(registry).partitions(3)
                .stateDir(Files.createTempDirectory("order-saga-it")).commitInterval(Duration.ofMillis(50))
                .timerInterval(Duration.ofMillis(50)).build());
        orchestrator.apply(OrderSaga.definition());
        orchestrator.apply(OnboardingSaga.definition());
        ParticipantConfig participants = ParticipantConfig.builder(kafka.bootstrapServers())
                .schemaRegistryUrl(registry).partitions(3).pollTimeout(Duration.ofMillis(50)).build();
        services = OrderServices.start(participants, failures, Map.of("A-1", 500, "B-2", 500), OrderServices.ALL);
        onboarding = OnboardingServices.start(participants, FailureInjection.none());
    }

    @AfterAll
    void stop() {
        if (onboarding != null) {
            onboarding.close();
        }
        if (services != null) {
            services.close();
        }
        if (orchestrator != null) {
            orchestrator.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private String startOrder(String orderId, String sku, int quantity) {
        Map<String, Object> input = Map.of("sku", sku, "quantity", quantity, "amount", 19.90, "currency", "EUR",
                "address", "1 Fjord Road", "email", orderId + "@example.com");
        return orchestrator.startSaga(StartRequest.of(OrderSaga.NAME, input).sagaId(orderId));
    }

    private SagaView awaitEnd(String sagaId) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> orchestrator.queries().saga(sagaId).orElse(null),
                        s -> s != null && s.status().isTerminal());
    }

    /** What the injected failures make of an order, decided ahead from the same pure function. */
    private String expectedStatus(String orderId) {
        if (failures.decide(orderId, "Charge", 1, false).isPresent()) {
            return "COMPENSATED";
        }
        for (int attempt = 1; attempt <= SHIP_ATTEMPTS; attempt++) {
            Optional<Mode> ship = failures.decide(orderId, "CreateShipment", attempt, false);
            if (ship.isEmpty()) {
                return "COMPLETED";
            }
            if (ship.get() == Mode.BUSINESS) {
                return "COMPENSATED";
            }
        }
        return "COMPENSATED";
    }

    private static StepView step(SagaView saga, String id) {
        return saga.step(id).orElseThrow();
    }

    @Test
    void ordersCompleteOrRollBackAndARolledBackOrderKeepsNoPaymentStockOrShipment() {
        List<String> orders = IntStream.range(0, 30).mapToObj(i -> "order-" + i).toList();
        Map<String, String> expected = orders.stream()
                .collect(Collectors.toMap(o -> o, this::expectedStatus, (a, b) -> a, LinkedHashMap::new));
        assertThat(expected.values()).as("the seed gives both outcomes").contains("COMPLETED", "COMPENSATED");

        orders.forEach(o -> startOrder(o, "A-1", 2));

        Map<String, String> actual = new LinkedHashMap<>();
        for (String order : orders) {
            SagaView saga = awaitEnd(order);
            actual.put(order, saga.status().name());
            if (saga.status() == SagaStatus.COMPLETED) {
                assertThat(saga.output().toString()).contains("\"trackingNumber\":\"TRK");
            }
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(services.invariantViolations(actual)).isEmpty();
        long completed = actual.values().stream().filter("COMPLETED"::equals).count();
        assertThat(services.inventory().reserved("A-1")).isEqualTo(2 * completed);
        assertThat(services.inventory().available("A-1")).isEqualTo(500 - 2 * completed);
        assertThat(services.participants()).allSatisfy(p -> assertThat(p.state())
                .isEqualTo(Participant.State.RUNNING));
        assertThat(services.participants()).allSatisfy(p -> assertThat(p.stats().deadLetters()).isZero());
    }

    @Test
    void aShipmentRefusedForGoodRefundsThePaymentAndReleasesTheStock() {
        String order = IntStream.range(0, 1000).mapToObj(i -> "refused-" + i)
                .filter(o -> failures.decide(o, "Charge", 1, false).isEmpty()
                        && failures.decide(o, "CreateShipment", 1, false).equals(Optional.of(Mode.BUSINESS)))
                .findFirst().orElseThrow();
        int before = services.inventory().available("B-2");

        startOrder(order, "B-2", 3);

        SagaView saga = awaitEnd(order);
        assertThat(saga.status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(saga.error()).contains("injected business failure of CreateShipment");
        assertThat(step(saga, "reserve").status()).isEqualTo(StepStatus.COMPENSATED);
        assertThat(step(saga, "charge").status()).isEqualTo(StepStatus.COMPENSATED);
        assertThat(step(saga, "ship").status()).isEqualTo(StepStatus.FAILED);
        assertThat(services.payments().charges(order)).isEqualTo(1);
        assertThat(services.payments().keptPayment(order)).isEmpty();
        assertThat(services.inventory().reservationOf(order)).isEmpty();
        assertThat(services.inventory().available("B-2")).isEqualTo(before);
        assertThat(services.shipping().activeShipment(order)).isEmpty();
        assertThat(services.invariantViolations(Map.of(order, saga.status().name()))).isEmpty();
    }

    @Test
    void anOrderForStockThatIsNotThereFailsAtTheFirstStepAndChargesNothing() {
        String order = "no-stock-1";

        startOrder(order, "Z-9", 1);

        SagaView saga = awaitEnd(order);
        assertThat(saga.status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(saga.error()).contains("out of stock");
        assertThat(step(saga, "charge").status()).isEqualTo(StepStatus.PENDING);
        assertThat(services.payments().charges(order)).isZero();
    }

    @Test
    void aRedeliveredCommandIsAnsweredWithItsStoredReplyWhichTheSagaIgnores() {
        String order = IntStream.range(0, 1000).mapToObj(i -> "redelivered-" + i)
                .filter(o -> expectedStatus(o).equals("COMPLETED")
                        && failures.decide(o, "SendConfirmation", 1, false).isEmpty())
                .findFirst().orElseThrow();
        startOrder(order, "A-1", 1);
        assertThat(awaitEnd(order).status()).isEqualTo(SagaStatus.COMPLETED);
        Participant payment = services.participants().stream().filter(p -> p.name().equals("payment"))
                .findFirst().orElseThrow();
        long duplicatesBefore = payment.stats().duplicates();
        ParticipantTopics topics = ParticipantTopics.DEFAULT;
        try (Wire wire = new Wire(kafka.bootstrapServers(), registry, topics)) {
            ConsumerRecord<byte[], byte[]> charge = wire.records(topics.commands("payment"), true).stream()
                    .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(order)).findFirst().orElseThrow();

            wire.sendRaw(topics.commands("payment"), order, charge.value());

            await().atMost(Duration.ofSeconds(30)).until(() -> payment.stats().duplicates() == duplicatesBefore + 1);
            List<SagaReply> replies = await().atMost(Duration.ofSeconds(30)).until(() -> wire.replies().stream()
                    .filter(r -> r.getCommandId().equals(order + ":charge:1:action")).toList(), r -> r.size() == 2);
            assertThat(replies.get(1)).isEqualTo(replies.get(0));
        }
        assertThat(services.payments().charges(order)).isEqualTo(1);
        assertThat(orchestrator.queries().saga(order).orElseThrow().status()).isEqualTo(SagaStatus.COMPLETED);
    }

    @Test
    void theConductorOnboardingWorkflowRunsOnItsParticipants() {
        String email = "ann@example.com";
        Map<String, Object> input = Map.of("email", email, "name", "Ann", "phone", "+4712345678");

        String id = orchestrator.startSaga(StartRequest.of(OnboardingSaga.NAME, input).sagaId("onboard-1"));

        SagaView saga = awaitEnd(id);
        assertThat(saga.status()).isEqualTo(SagaStatus.COMPLETED);
        OnboardingServices.User user = onboarding.userByEmail(email).orElseThrow();
        assertThat(user.name()).isEqualTo("Ann");
        assertThat(onboarding.emailsTo(email)).singleElement()
                .satisfies(e -> assertThat(e.token()).startsWith("tok-"));
        assertThat(onboarding.preferencesOf(user.userId())).contains(List.of("email"));
        assertThat(step(saga, "notification_setup").output().toString()).contains(user.userId());

        String again = orchestrator.startSaga(StartRequest.of(OnboardingSaga.NAME, input).sagaId("onboard-2"));

        SagaView duplicate = awaitEnd(again);
        assertThat(duplicate.status()).isEqualTo(SagaStatus.FAILED);
        assertThat(duplicate.error()).contains("email ann@example.com is already registered");
        assertThat(onboarding.emailsTo(email)).hasSize(1);
    }
}
