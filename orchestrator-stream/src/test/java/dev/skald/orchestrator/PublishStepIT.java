package dev.skald.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skald.orchestrator.TestParticipants.Answer;
import dev.skald.saga.format.SagaDocuments;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.testkit.EmbeddedKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Publish steps on a real broker: the record reaches its topic (created when the definition is applied) once per
 * saga, read committed, with its key, JSON value and headers; a saga that fails before the step publishes nothing.
 */
@Tag("kafka")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishStepIT {
    private static final String TOPIC = "orders.events";
    private EmbeddedKafka kafka;
    private Orchestrator orchestrator;
    private TestParticipants participants;

    @BeforeAll
    void start() throws IOException {
        kafka = EmbeddedKafka.start();
        OrchestratorConfig config = OrchestratorConfig.builder(kafka.bootstrapServers())
                .applicationId("publish-step-it").schemaRegistryUrl("mock://publish-step-it").partitions(2)
                .stateDir(Files.createTempDirectory("publish-step-it")).commitInterval(Duration.ofMillis(50))
                .timerInterval(Duration.ofMillis(50)).build();
        orchestrator = Orchestrator.start(config);
        participants = new TestParticipants(config, command -> command.getSagaId().startsWith("declined")
                ? Answer.fail("card declined") : Answer.ok("{\"chargeId\": \"ch-" + command.getSagaId() + "\"}"));
        orchestrator.apply(SagaDocuments.fromJson("""
                {"name": "order", "version": 1, "steps": [
                  {"id": "charge", "participant": "payment", "command": "Charge"},
                  {"id": "announce", "type": "publish", "topic": "%s", "key": "${input.orderId}",
                   "value": {"event": "OrderCharged", "order": "${input.orderId}", "amount": "${input.amount}",
                             "charge": "${charge.output.chargeId}"},
                   "headers": {"event-type": "OrderCharged"}}]}""".formatted(TOPIC)));
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (participants != null) {
            participants.close();
        }
        if (orchestrator != null) {
            orchestrator.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private SagaStatus awaitEnd(String sagaId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> orchestrator.queries().saga(sagaId).map(SagaView::status).orElse(null),
                        s -> s != null && s.isTerminal());
    }

    private List<ConsumerRecord<String, String>> published(int atLeast) {
        return kafka.committedRecords(TOPIC, atLeast, Duration.ofSeconds(30));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void eachCompletedSagaPublishesItsRecordOnceAndAFailedOneNone() {
        List<String> orders = List.of("order-1", "order-2", "order-3");
        orders.forEach(id -> orchestrator.startSaga(StartRequest.of("order", Map.of("orderId", id, "amount", new java.math.BigDecimal("12.50")))
                .sagaId(id)));
        orchestrator.startSaga(StartRequest.of("order", Map.of("orderId", "declined-1", "amount", 1)).sagaId("declined-1"));

        orders.forEach(id -> assertThat(awaitEnd(id)).isEqualTo(SagaStatus.COMPLETED));
        assertThat(awaitEnd("declined-1")).isEqualTo(SagaStatus.COMPENSATED);

        List<ConsumerRecord<String, String>> records = published(orders.size());
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(orders);
        ConsumerRecord<String, String> first = records.stream().filter(r -> r.key().equals("order-1")).findFirst()
                .orElseThrow();
        assertThat(first.value()).isEqualTo("{\"event\":\"OrderCharged\",\"order\":\"order-1\",\"amount\":12.50,"
                + "\"charge\":\"ch-order-1\"}");
        assertThat(header(first, "event-type")).isEqualTo("OrderCharged");
        assertThat(header(first, "skald.saga-id")).isEqualTo("order-1");
        assertThat(header(first, "skald.command-id")).isEqualTo("order-1:announce:1:action");
        assertThat(orchestrator.queries().saga("order-1").orElseThrow().step("announce").orElseThrow().output()
                .toString()).isEqualTo("{\"topic\":\"orders.events\",\"key\":\"order-1\"}");
    }
}
