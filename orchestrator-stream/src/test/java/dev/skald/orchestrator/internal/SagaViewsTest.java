package dev.skald.orchestrator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skald.avro.HistoryType;
import dev.skald.avro.SagaHistoryEvent;
import dev.skald.avro.SagaStateRecord;
import dev.skald.avro.StepStateRecord;
import dev.skald.orchestrator.SagaView;
import dev.skald.saga.json.Json;
import dev.skald.saga.machine.SagaStatus;
import dev.skald.saga.machine.StepStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SagaViewsTest {
    private static final Instant CREATED = Instant.parse("2026-12-03T10:15:30.123Z");
    private static final Instant UPDATED = Instant.parse("2026-12-03T10:15:31Z");

    @Test
    void aStoredSagaRendersAsTheRestApiAnswersIt() throws Exception {
        SagaView view = SagaViews.view(record());

        assertThat(Json.mapper().writeValueAsString(view.toJson())).isEqualTo("{\"sagaId\":\"s-1\","
                + "\"definition\":\"order\",\"version\":2,\"status\":\"COMPENSATING\","
                + "\"input\":{\"sku\":\"A-1\",\"amount\":19.90},\"output\":null,\"error\":\"declined\","
                + "\"correlationKey\":null,\"parent\":\"p/child/1\",\"createdAt\":\"2026-12-03T10:15:30.123Z\","
                + "\"updatedAt\":\"2026-12-03T10:15:31Z\",\"steps\":["
                + "{\"id\":\"reserve\",\"status\":\"COMPLETED\",\"attempts\":1,\"output\":{\"r\":1},\"error\":null},"
                + "{\"id\":\"charge\",\"status\":\"FAILED\",\"attempts\":3,\"output\":null,\"error\":\"declined\"}]}");
    }

    @Test
    void aViewCarriesTheDomainTypes() {
        SagaView view = SagaViews.view(record());

        assertThat(view.status()).isEqualTo(SagaStatus.COMPENSATING);
        assertThat(view.createdAt()).isEqualTo(CREATED);
        assertThat(view.step("charge")).hasValueSatisfying(step -> {
            assertThat(step.status()).isEqualTo(StepStatus.FAILED);
            assertThat(step.attempts()).isEqualTo(3);
        });
        assertThat(view.input().get("amount").decimalValue()).isEqualByComparingTo("19.90");
        assertThat(view.output().isNull()).isTrue();
    }

    @Test
    void changingTheJsonOfAViewLeavesTheViewAsItWasRead() {
        SagaView view = SagaViews.view(record());

        ((ObjectNode) view.input()).put("sku", "changed");
        view.toJson().with("input").put("sku", "changed too");

        assertThat(view.input().get("sku").asText()).isEqualTo("A-1");
        assertThat(view).isEqualTo(SagaViews.view(record()));
    }

    @Test
    void storedHistoryReadsBackToTheSameJson() {
        List<SagaHistoryEvent> events = List.of(
                new SagaHistoryEvent("s-1", CREATED, HistoryType.SAGA_TRANSITION, null, 0, null, "RUNNING", "START",
                        null),
                new SagaHistoryEvent("s-1", UPDATED, HistoryType.STEP_TRANSITION, "charge", 2, "RUNNING", "FAILED",
                        "REPLY", "declined"));
        String stored = "[" + HistoryLog.toJson(events.get(0)) + "," + HistoryLog.toJson(events.get(1)) + "]";

        assertThat(dev.skald.orchestrator.HistoryEntry.toJson(SagaViews.history(stored)).toString()).isEqualTo(stored);
        assertThat(SagaViews.history(stored)).containsExactly(SagaViews.entry(events.get(0)),
                SagaViews.entry(events.get(1)));
    }

    @Test
    void noStoredHistoryIsAnEmptyOne() {
        assertThat(SagaViews.history(null)).isEmpty();
        assertThat(dev.skald.orchestrator.HistoryEntry.toJson(List.of()).toString()).isEqualTo("[]");
    }

    private static SagaStateRecord record() {
        return SagaStateRecord.newBuilder().setSagaId("s-1").setDefinition("order").setVersion(2)
                .setCorrelationKey(null).setStatus("COMPENSATING").setInput("{\"sku\":\"A-1\",\"amount\":19.90}")
                .setOutput(null).setError("declined").setCreatedAt(CREATED).setUpdatedAt(UPDATED).setRound(0)
                .setSteps(List.of(step("reserve", "COMPLETED", 1, "{\"r\":1}", null),
                        step("charge", "FAILED", 3, null, "declined")))
                .setTimers(List.of()).setInbox(List.of()).setParent("p/child/1").build();
    }

    private static StepStateRecord step(String id, String status, int attempt, String output, String error) {
        return StepStateRecord.newBuilder().setId(id).setStatus(status).setAttempt(attempt).setAttemptBase(0)
                .setCompensationAttempt(0).setCompensationBase(0).setInput("{}").setOutput(output).setError(error)
                .setUpdatedAt(UPDATED).build();
    }
}
