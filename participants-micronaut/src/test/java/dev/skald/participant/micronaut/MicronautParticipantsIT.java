package dev.skald.participant.micronaut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skald.orchestrator.Orchestrator;
import dev.skald.orchestrator.OrchestratorConfig;
import dev.skald.orchestrator.SagaView;
import dev.skald.orchestrator.StartRequest;
import dev.skald.participant.BusinessFailureException;
import dev.skald.participant.CommandContext;
import dev.skald.participant.Participant;
import dev.skald.participant.Reply;
import dev.skald.saga.definition.Saga;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.testkit.EmbeddedKafka;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** Annotated handler beans, configured by properties, answering a real orchestrator's commands on a real broker. */
@Tag("kafka")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MicronautParticipantsIT {
    private static final String SPEC = "MicronautParticipantsIT";
    private static final String REGISTRY = "mock://participants-micronaut-it";

    record ReserveStock(String sku) {
    }

    record ReleaseStock(String reservationId) {
    }

    record Charge(BigDecimal amount) {
    }

    @SkaldParticipant("inventory")
    @Requires(property = "spec.name", value = SPEC)
    static class Inventory {
        final Set<String> reserved = ConcurrentHashMap.newKeySet();

        @HandlesCommand("ReserveStock")
        Reply reserve(ReserveStock command, CommandContext context) {
            reserved.add(context.sagaId());
            return Reply.success(Map.of("reservationId", "r-" + context.sagaId(), "sku", command.sku()));
        }

        @HandlesCommand("ReleaseStock")
        Reply release(ReleaseStock command) {
            reserved.remove(command.reservationId().substring(2));
            return Reply.success();
        }
    }

    @SkaldParticipant("payment")
    @Requires(property = "spec.name", value = SPEC)
    static class Payment {
        @HandlesCommand("Charge")
        Reply charge(Charge command) {
            if (command.amount().compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new BusinessFailureException("over the limit: " + command.amount());
            }
            return Reply.success(Map.of("charged", command.amount()));
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private EmbeddedKafka kafka;
    private Orchestrator orchestrator;
    private ApplicationContext context;

    @BeforeAll
    void start() throws IOException {
        kafka = EmbeddedKafka.start();
        orchestrator = Orchestrator.start(OrchestratorConfig.builder(kafka.bootstrapServers())
                .applicationId("participants-micronaut-it").schemaRegistryUrl(REGISTRY).partitions(3)
                .stateDir(Files.createTempDirectory("participants-micronaut-it"))
                .commitInterval(Duration.ofMillis(50)).timerInterval(Duration.ofMillis(50)).build());
        orchestrator.apply(Saga.named("order").version(1)
                .step("reserve").call("inventory", "ReserveStock").input(Map.of("sku", "${input.sku}"))
                    .compensateWith("inventory", "ReleaseStock")
                    .input(Map.of("reservationId", "${reserve.output.reservationId}"))
                .step("charge").call("payment", "Charge").input(Map.of("amount", "${input.amount}"))
                .build());
        context = TestContexts.run(Map.of("spec.name", SPEC,
                "skald.participant.bootstrap.servers", kafka.bootstrapServers(),
                "skald.participant.schema.registry.url", REGISTRY,
                "skald.participant.partitions", 3,
                "skald.participant.poll.timeout", "50ms",
                "skald.participants.inventory.instance.id", "inventory-it",
                "skald.participants.payment.shutdown.timeout", "10s"));
    }

    @AfterAll
    void stop() {
        if (context != null && context.isRunning()) {
            context.close();
        }
        if (orchestrator != null) {
            orchestrator.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Order(1)
    void eachAnnotatedBeanRunsAsAParticipantConfiguredByItsProperties() {
        List<Participant> participants = context.getBean(ParticipantRegistrar.class).participants();

        assertThat(participants).extracting(Participant::name).containsExactlyInAnyOrder("inventory", "payment");
        Participant inventory = participants.stream().filter(p -> p.name().equals("inventory")).findFirst()
                .orElseThrow();
        Participant payment = participants.stream().filter(p -> p.name().equals("payment")).findFirst()
                .orElseThrow();
        assertThat(inventory.instanceId()).isEqualTo("inventory-it");
        assertThat(inventory.config().partitions()).isEqualTo(3);
        assertThat(payment.config().shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(payment.config().pollTimeout()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    @Order(2)
    void theHealthEndpointReportsTheParticipantsUpOnceTheyRun() {
        ParticipantsHealthIndicator indicator = context.getBean(ParticipantsHealthIndicator.class);

        HealthResult result = await().atMost(Duration.ofSeconds(60))
                .until(() -> ParticipantsHealthIndicatorTest.result(indicator),
                        r -> r.getStatus().equals(HealthStatus.UP));

        assertThat(ParticipantsHealthIndicatorTest.details(result)).containsOnlyKeys("inventory", "payment");
        assertThat(ParticipantsHealthIndicatorTest.details(result, "inventory"))
                .containsEntry("status", "RUNNING").containsEntry("instanceId", "inventory-it");
    }

    @Test
    @Order(3)
    void aSagaWhoseCommandsTheBeansHandleCompletes() {
        String id = start(Map.of("sku", "A-1", "amount", 40));

        SagaView done = awaitStatus(id, SagaStatus.COMPLETED);

        assertThat(done.steps().get(0).output().toString()).contains("\"reservationId\":\"r-" + id + "\"");
        assertThat(done.steps().get(1).output().toString()).contains("\"charged\":40");
        assertThat(context.getBean(Inventory.class).reserved).contains(id);
    }

    @Test
    @Order(4)
    void aBusinessFailureThrownByABeanCompensatesThroughAnotherBeanMethod() {
        String id = start(Map.of("sku", "A-1", "amount", 500));

        awaitStatus(id, SagaStatus.COMPENSATED);

        assertThat(context.getBean(Inventory.class).reserved).doesNotContain(id);
    }

    @Test
    @Order(5)
    void closingTheContextClosesTheParticipants() {
        List<Participant> participants = context.getBean(ParticipantRegistrar.class).participants();

        context.close();

        assertThat(participants).extracting(Participant::state).containsOnly(Participant.State.STOPPED);
    }

    private String start(Map<String, ?> input) {
        return orchestrator.startSaga(StartRequest.of("order", json.valueToTree(input)));
    }

    private SagaView awaitStatus(String sagaId, SagaStatus status) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> orchestrator.queries().saga(sagaId).orElse(null),
                        s -> s != null && s.status() == status);
    }
}
