package dev.skald.participant.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skald.avro.CommandKind;
import dev.skald.avro.ReplyOutcome;
import dev.skald.avro.SagaCommand;
import dev.skald.avro.SagaReply;
import dev.skald.participant.BusinessFailureException;
import dev.skald.participant.CommandHandler;
import dev.skald.participant.Commands;
import dev.skald.participant.Reply;
import dev.skald.schemas.AvroSerde;
import dev.skald.schemas.AvroSerdes;
import dev.skald.schemas.DeadLetterKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What becomes of one command, without Kafka: decoding, checks, dedupe, outcomes. */
class CommandProcessorTest {
    private static final String TOPIC = "skald.commands.payment";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    record Charge(String orderId, BigDecimal amount) {
        Charge {
            if (amount == null || amount.signum() <= 0) {
                throw new IllegalArgumentException("amount must be positive");
            }
        }
    }

    private final Map<String, Object> serdeConfig = Map.of("schema.registry.url", "mock://command-processor-test");
    private final AvroSerde<SagaCommand> commands = AvroSerdes.of(SagaCommand.class, serdeConfig);
    private final AvroSerde<SagaReply> replies = AvroSerdes.of(SagaReply.class, serdeConfig);
    private final Map<String, Registration<?>> handlers = new HashMap<>();
    private final Map<String, byte[]> stored = new HashMap<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HandlerCalls calls = new HandlerCalls("payment", Duration.ofMillis(300));

    @AfterEach
    void stopHandlerThreads() {
        calls.close();
    }

    private <T> CommandProcessorTest handler(String type, Class<T> payload, CommandHandler<T> handler) {
        handlers.put(type, new Registration<>(type, payload, handler));
        return this;
    }

    private Outcome process(SagaCommand command) {
        return process(commands.serialize(TOPIC, command));
    }

    private Outcome process(byte[] value) {
        CommandProcessor processor = new CommandProcessor("payment", handlers, commands,
                new ReplyEncoder(replies, "skald.saga-replies", Json.defaultMapper(), Clock.fixed(NOW, ZoneOffset.UTC),
                        1024), Json.defaultMapper(), new Meters(registry, "payment"), calls);
        return processor.process(TOPIC, value, stored::get);
    }

    private SagaReply reply(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Answered.class);
        return replies.deserialize("skald.saga-replies", ((Outcome.Answered) outcome).reply());
    }

    private static SagaCommand charge(String payload) {
        return Commands.action("order-1", "charge", "payment", "Charge", payload);
    }

    @Test
    void aSuccessCarriesTheOutputAsJsonAndTheCommandsIdentity() {
        handler("Charge", Charge.class, (cmd, ctx) -> Reply.success(Map.of("paymentId", "p-" + ctx.sagaId(),
                "amount", cmd.amount())));

        SagaReply reply = reply(process(charge("{\"orderId\":\"o-1\",\"amount\":12.50,\"extra\":true}")));

        assertThat(reply.getOutcome()).isEqualTo(ReplyOutcome.SUCCESS);
        assertThat(reply.getOutput()).contains("\"paymentId\":\"p-order-1\"").contains("\"amount\":12.50");
        assertThat(reply.getCommandId()).isEqualTo("order-1:charge:1:action");
        assertThat(reply.getStepId()).isEqualTo("charge");
        assertThat(reply.getAttempt()).isEqualTo(1);
        assertThat(reply.getKind()).isEqualTo(CommandKind.ACTION);
        assertThat(reply.getRepliedAt()).isEqualTo(NOW);
    }

    @Test
    void handlersRunWithTheSagaAndCommandIdsInTheLoggingContext() {
        handler("Charge", JsonNode.class, (cmd, ctx) -> Reply.success(Map.of("saga", org.slf4j.MDC.get("sagaId"),
                "command", org.slf4j.MDC.get("commandId"))));

        String output = reply(process(charge("{}"))).getOutput();

        assertThat(output).contains("\"saga\":\"order-1\"", "\"command\":\"order-1:charge:1:action\"");
        assertThat(org.slf4j.MDC.get("sagaId")).as("cleared after the handler").isNull();
    }

    @Test
    void aSuccessWithoutOutputIsAnEmptyObject() {
        handler("Charge", JsonNode.class, (cmd, ctx) -> Reply.success());

        assertThat(reply(process(charge("{}"))).getOutput()).isEqualTo("{}");
    }

    @Test
    void failuresAndExceptionsBecomeRepliesOfTheirKind() {
        handler("Charge", JsonNode.class, (cmd, ctx) -> {
            switch (cmd.path("case").asText()) {
                case "failure":
                    return Reply.failure("card declined");
                case "business":
                    throw new BusinessFailureException("limit exceeded");
                case "retry":
                    return Reply.retry("gateway busy");
                case "null":
                    return null;
                case "overflow":
                    throw new StackOverflowError("deep");
                default:
                    throw new java.io.IOException("connection reset");
            }
        });

        assertThat(reply(process(charge("{\"case\":\"failure\"}"))))
                .extracting(SagaReply::getOutcome, SagaReply::getError, SagaReply::getOutput)
                .containsExactly(ReplyOutcome.BUSINESS_FAILURE, "card declined", null);
        assertThat(reply(process(charge("{\"case\":\"business\"}"))))
                .extracting(SagaReply::getOutcome, SagaReply::getError)
                .containsExactly(ReplyOutcome.BUSINESS_FAILURE, "limit exceeded");
        assertThat(reply(process(charge("{\"case\":\"retry\"}"))))
                .extracting(SagaReply::getOutcome, SagaReply::getError)
                .containsExactly(ReplyOutcome.RETRIABLE_FAILURE, "gateway busy");
        assertThat(reply(process(charge("{\"case\":\"io\"}"))))
                .extracting(SagaReply::getOutcome, SagaReply::getError)
                .containsExactly(ReplyOutcome.RETRIABLE_FAILURE, "IOException: connection reset");
        assertThat(reply(process(charge("{\"case\":\"null\"}"))).getError())
                .isEqualTo("the handler of Charge returned null");
        assertThat(reply(process(charge("{\"case\":\"overflow\"}"))).getOutcome())
                .isEqualTo(ReplyOutcome.RETRIABLE_FAILURE);
        assertThat(registry.find(Meters.LATENCY).timer().count()).isEqualTo(6);
    }

    @Test
    void aHandlerThatOverrunsItsDeadlineIsARetriableFailureSayingSo() {
        CountDownLatch never = new CountDownLatch(1);
        handler("Charge", JsonNode.class, (cmd, ctx) -> {
            never.await();
            return Reply.success();
        });

        SagaReply reply = reply(process(charge("{}")));

        assertThat(reply.getOutcome()).isEqualTo(ReplyOutcome.RETRIABLE_FAILURE);
        assertThat(reply.getError()).isEqualTo("the handler of Charge exceeded its deadline of 300ms"
                + " (handler.timeout) and was interrupted");
        assertThat(registry.find(Meters.LATENCY).timer().count()).isEqualTo(1);
    }

    @Test
    void anErrorTheJvmCannotRecoverFromEndsTheWorker() {
        handler("Charge", JsonNode.class, (cmd, ctx) -> {
            throw new OutOfMemoryError("heap");
        });

        assertThatThrownBy(() -> process(charge("{}"))).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void anOutputLargerThanTheLimitBecomesABusinessFailure() {
        handler("Charge", JsonNode.class, (cmd, ctx) -> Reply.success(Map.of("blob", "x".repeat(2000))));

        SagaReply reply = reply(process(charge("{}")));

        assertThat(reply.getOutcome()).isEqualTo(ReplyOutcome.BUSINESS_FAILURE);
        assertThat(reply.getOutput()).isNull();
        assertThat(reply.getError()).contains("more than max.reply.bytes (1024)");
    }

    @Test
    void anOutputJacksonCannotWriteBecomesABusinessFailure() {
        handler("Charge", JsonNode.class, (cmd, ctx) -> Reply.success(new Object()));

        SagaReply reply = reply(process(charge("{}")));

        assertThat(reply.getOutcome()).isEqualTo(ReplyOutcome.BUSINESS_FAILURE);
        assertThat(reply.getError()).startsWith("the output of Charge cannot be written as JSON");
    }

    @Test
    void aCommandAnsweredBeforeGetsItsStoredReplyAndTheHandlerDoesNotRun() {
        AtomicInteger runs = new AtomicInteger();
        handler("Charge", JsonNode.class, (cmd, ctx) -> {
            runs.incrementAndGet();
            return Reply.success();
        });
        byte[] previous = {0, 1, 2};
        stored.put("order-1:charge:1:action", previous);

        Outcome outcome = process(charge("{}"));

        assertThat(outcome).isInstanceOf(Outcome.Duplicate.class);
        Outcome.Duplicate duplicate = (Outcome.Duplicate) outcome;
        assertThat(duplicate.reply()).isSameAs(previous);
        assertThat(duplicate.sagaId()).isEqualTo("order-1");
        assertThat(runs).hasValue(0);
    }

    @Test
    void recordsThatAreNotCommandsAreDeadLetters() {
        assertThat(dead(process("garbage".getBytes(StandardCharsets.UTF_8))))
                .satisfies(d -> assertThat(d.kind()).isEqualTo(DeadLetterKind.UNDECODABLE))
                .satisfies(d -> assertThat(d.reason()).contains("magic byte"))
                .satisfies(d -> assertThat(d.commandId()).isNull());
        assertThat(dead(process((byte[]) null)).reason()).contains("tombstone");
        assertThat(dead(process(new byte[] {0, 0, 0, 0, 99, 1})).kind()).isEqualTo(DeadLetterKind.UNDECODABLE);
    }

    @Test
    void commandsThatBreakTheContractAreDeadLetters() {
        handler("Charge", JsonNode.class, (cmd, ctx) -> Reply.success());

        assertThat(dead(process(Commands.command("o", "s", 0, CommandKind.ACTION, "payment", "Charge", "{}"))))
                .extracting(Outcome.DeadLettered::kind, Outcome.DeadLettered::reason)
                .containsExactly(DeadLetterKind.INVALID_COMMAND, "attempt must be at least 1, was 0");
        assertThat(dead(process(Commands.command("o", "s", 1, CommandKind.UNKNOWN, "payment", "Charge", "{}")))
                .reason()).isEqualTo("unknown command kind UNKNOWN");
        assertThat(dead(process(Commands.action("o", "s", "inventory", "Charge", "{}"))).reason())
                .isEqualTo("the command is for participant 'inventory', not 'payment'");
        SagaCommand noId = Commands.action("o", "s", "payment", "Charge", "{}");
        noId.setCommandId(" ");
        assertThat(dead(process(noId)).reason()).isEqualTo("the command has no command id");
    }

    @Test
    void anUnknownCommandTypeIsADeadLetterNamingTheKnownOnes() {
        handler("Charge", JsonNode.class, (cmd, ctx) -> Reply.success());
        handler("Refund", JsonNode.class, (cmd, ctx) -> Reply.success());

        Outcome.DeadLettered dead = dead(process(Commands.action("o", "s", "payment", "Teleport", "{}")));

        assertThat(dead.kind()).isEqualTo(DeadLetterKind.UNKNOWN_COMMAND_TYPE);
        assertThat(dead.reason()).isEqualTo("participant payment has no handler for command type 'Teleport' (it"
                + " handles [Charge, Refund])");
        assertThat(dead.commandId()).isEqualTo("o:s:1:action");
    }

    @Test
    void aPayloadThatDoesNotMapToTheHandlersTypeIsADeadLetter() {
        AtomicInteger runs = new AtomicInteger();
        handler("Charge", Charge.class, (cmd, ctx) -> {
            runs.incrementAndGet();
            return Reply.success();
        });

        for (String payload : List.of("{\"amount\":\"lots\"}", "{\"amount\":-1}", "[1,2]", "null", "{broken")) {
            Outcome.DeadLettered dead = dead(process(charge(payload)));
            assertThat(dead.kind()).as(payload).isEqualTo(DeadLetterKind.INVALID_PAYLOAD);
            assertThat(dead.reason()).as(payload).startsWith("the payload of Charge ");
        }
        assertThat(dead(process(charge("{\"amount\":-1}"))).reason()).contains("amount must be positive");
        assertThat(runs).hasValue(0);
    }

    private static Outcome.DeadLettered dead(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.DeadLettered.class);
        return (Outcome.DeadLettered) outcome;
    }
}
