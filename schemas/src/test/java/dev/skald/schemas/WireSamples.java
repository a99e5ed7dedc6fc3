package dev.skald.schemas;

import dev.skald.avro.CommandKind;
import dev.skald.avro.ControlAction;
import dev.skald.avro.ExternalEvent;
import dev.skald.avro.HistoryType;
import dev.skald.avro.InboxEvent;
import dev.skald.avro.ReplyOutcome;
import dev.skald.avro.SagaCommand;
import dev.skald.avro.SagaControl;
import dev.skald.avro.SagaDefinitionRecord;
import dev.skald.avro.SagaHistoryEvent;
import dev.skald.avro.SagaReply;
import dev.skald.avro.SagaResult;
import dev.skald.avro.SagaStart;
import dev.skald.avro.SagaStateRecord;
import dev.skald.avro.StepStateRecord;
import dev.skald.avro.TimerFired;
import dev.skald.avro.TimerRecord;
import dev.skald.avro.example.OrderPlaced;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** One filled-in instance of every record on Skald's wire, with nullable fields set and unset. */
final class WireSamples {

    static final Instant T0 = Instant.parse("2026-11-26T10:15:30.123Z");

    private WireSamples() {
    }

    static List<SpecificRecord> all() {
        return List.of(sagaStart(), sagaStartWithoutOptionals(), sagaCommand(), sagaReply(), failedReply(),
                sagaControl(), timerFired(), externalEvent(), sagaHistoryEvent(), sagaResult(),
                sagaDefinitionRecord(), sagaStateRecord(), orderPlaced());
    }

    static SagaStart sagaStart() {
        return SagaStart.newBuilder().setSagaId("order-1").setDefinition("order").setVersion(3)
                .setInput("{\"sku\":\"A-1\",\"qty\":2,\"total\":40.5}").setCorrelationKey("cart-9")
                .setIdempotencyKey("idem-1").setRequestedAt(T0).build();
    }

    static SagaStart sagaStartWithoutOptionals() {
        return SagaStart.newBuilder().setSagaId("order-2").setDefinition("order").setVersion(null)
                .setInput("{}").setCorrelationKey(null).setIdempotencyKey(null).setRequestedAt(T0).build();
    }

    static SagaCommand sagaCommand() {
        return SagaCommand.newBuilder().setCommandId("order-1:reserve:1:ACTION").setSagaId("order-1")
                .setStepId("reserve").setAttempt(1).setKind(CommandKind.ACTION).setParticipant("inventory")
                .setCommandType("ReserveStock").setPayload("{\"sku\":\"A-1\",\"qty\":2}").setIssuedAt(T0).build();
    }

    static SagaReply sagaReply() {
        return SagaReply.newBuilder().setCommandId("order-1:reserve:1:ACTION").setSagaId("order-1")
                .setStepId("reserve").setAttempt(1).setKind(CommandKind.ACTION).setOutcome(ReplyOutcome.SUCCESS)
                .setOutput("{\"reservationId\":\"r-1\"}").setError(null).setRepliedAt(T0.plusMillis(5)).build();
    }

    static SagaReply failedReply() {
        return SagaReply.newBuilder().setCommandId("order-1:charge:2:COMPENSATION").setSagaId("order-1")
                .setStepId("charge").setAttempt(2).setKind(CommandKind.COMPENSATION)
                .setOutcome(ReplyOutcome.RETRIABLE_FAILURE).setOutput(null).setError("gateway timeout")
                .setRepliedAt(T0.plusSeconds(1)).build();
    }

    static SagaControl sagaControl() {
        return SagaControl.newBuilder().setSagaId("order-1").setAction(ControlAction.CANCEL)
                .setReason("customer asked").setRequestedAt(T0).build();
    }

    static TimerFired timerFired() {
        return TimerFired.newBuilder().setSagaId("order-1").setTimerKey("charge:response:1")
                .setDueAt(T0.plusSeconds(30)).build();
    }

    static ExternalEvent externalEvent() {
        return ExternalEvent.newBuilder().setSagaId(null).setEventType("PaymentConfirmed")
                .setCorrelationKey("cart-9").setPayload("{\"ok\":true}").setOccurredAt(T0).build();
    }

    static SagaHistoryEvent sagaHistoryEvent() {
        return SagaHistoryEvent.newBuilder().setSagaId("order-1").setAt(T0).setType(HistoryType.STEP_TRANSITION)
                .setStepId("reserve").setAttempt(1).setFrom("RUNNING").setTo("COMPLETED").setTrigger("reply")
                .setDetail(null).build();
    }

    static SagaResult sagaResult() {
        return SagaResult.newBuilder().setSagaId("order-1").setDefinition("order").setVersion(3)
                .setStatus("COMPENSATED").setOutput(null).setError("card declined")
                .setFinishedAt(T0.plusSeconds(60)).build();
    }

    static SagaDefinitionRecord sagaDefinitionRecord() {
        return SagaDefinitionRecord.newBuilder().setName("order").setVersion(3)
                .setDocument("{\"name\":\"order\",\"version\":3,\"steps\":[]}").setAppliedAt(T0).build();
    }

    static SagaStateRecord sagaStateRecord() {
        StepStateRecord reserve = StepStateRecord.newBuilder().setId("reserve").setStatus("COMPLETED")
                .setAttempt(1).setAttemptBase(0).setCompensationAttempt(0).setCompensationBase(0)
                .setInput("{\"sku\":\"A-1\"}").setOutput("{\"reservationId\":\"r-1\"}").setError(null)
                .setUpdatedAt(T0.plusMillis(5)).build();
        StepStateRecord charge = StepStateRecord.newBuilder().setId("charge").setStatus("PENDING")
                .setAttempt(0).setAttemptBase(0).setCompensationAttempt(0).setCompensationBase(0)
                .setInput(null).setOutput(null).setError(null).setUpdatedAt(null).build();
        return SagaStateRecord.newBuilder().setSagaId("order-1").setDefinition("order").setVersion(3)
                .setCorrelationKey("cart-9").setStatus("RUNNING").setInput("{\"sku\":\"A-1\"}").setOutput(null)
                .setError(null).setCreatedAt(T0).setUpdatedAt(T0.plusMillis(5)).setRound(0)
                .setSteps(List.of(reserve, charge))
                .setTimers(List.of(TimerRecord.newBuilder().setKey("saga:timeout").setDueAt(T0.plusSeconds(3600))
                        .build()))
                .setInbox(List.of(InboxEvent.newBuilder().setEventType("PaymentConfirmed").setCorrelationKey("cart-9")
                        .setPayload("{\"ok\":true}").build()))
                .build();
    }

    static OrderPlaced orderPlaced() {
        return OrderPlaced.newBuilder().setOrderId("o-1").setCustomerId("c-7").setSku("A-1").setQuantity(2)
                .setAmount(new BigDecimal("1234567890.05")).setCurrency("EUR").setPlacedAt(T0).build();
    }
}
