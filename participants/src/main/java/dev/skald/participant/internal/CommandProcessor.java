package dev.skald.participant.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skald.avro.ReplyOutcome;
import dev.skald.avro.SagaCommand;
import dev.skald.avro.SagaReply;
import dev.skald.participant.BusinessFailureException;
import dev.skald.participant.CommandContext;
import dev.skald.participant.Reply;
import dev.skald.schemas.CommandKinds;
import dev.skald.schemas.DeadLetterKind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.LoggerFactory;

/**
 * Decides what becomes of one command record, without touching Kafka: decode it, check it, answer a redelivery from
 * the stored reply, or run its handler and build the reply. Bad records become dead letters; a handler's exception
 * becomes a reply, and so does a handler call that overruns its deadline ({@link HandlerCalls}). Only a registry that cannot be reached ({@code SchemaRegistryException}) and fatal JVM errors
 * escape, since the record itself is fine then.
 */
public final class CommandProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);

    /** The replies stored for one partition, by command id. */
    @FunctionalInterface
    public interface StoredReplies {
        /** The stored reply of this command, or null if it was never answered (within the dedupe window). */
        byte[] get(String commandId);
    }

    private final String participant;
    private final Map<String, Registration<?>> handlers;
    private final Deserializer<SagaCommand> commands;
    private final ReplyEncoder encoder;
    private final ObjectMapper json;
    private final Meters meters;
    private final HandlerCalls calls;

    CommandProcessor(String participant, Map<String, Registration<?>> handlers,
                     Deserializer<SagaCommand> commands, ReplyEncoder encoder, ObjectMapper json, Meters meters,
                     HandlerCalls calls) {
        this.participant = participant;
        this.handlers = Map.copyOf(handlers);
        this.commands = commands;
        this.encoder = encoder;
        this.json = json;
        this.meters = meters;
        this.calls = calls;
    }

    /** What to do with the record read from {@code topic} holding {@code value}. */
    Outcome process(String topic, byte[] value, StoredReplies stored) {
        if (value == null) {
            return dead(DeadLetterKind.UNDECODABLE, "the record has no value (a tombstone)", null);
        }
        SagaCommand command;
        try {
            command = commands.deserialize(topic, value);
        } catch (SerializationException e) {
            return dead(DeadLetterKind.UNDECODABLE, "not a SagaCommand: " + e.getMessage(), null);
        }
        String problem = contractProblem(command);
        if (problem != null) {
            return dead(DeadLetterKind.INVALID_COMMAND, problem, command.getCommandId());
        }
        byte[] previous = stored.get(command.getCommandId());
        if (previous != null) {
            LOG.debug("{}: command {} was answered before; sending the stored reply again", participant,
                    command.getCommandId());
            return new Outcome.Duplicate(command.getCommandId(), command.getSagaId(), command.getCommandType(),
                    previous);
        }
        try (MDC.MDCCloseable saga = MDC.putCloseable("sagaId", command.getSagaId());
             MDC.MDCCloseable id = MDC.putCloseable("commandId", command.getCommandId())) {
            return handle(command);
        }
    }

    /** Runs the handler of a valid command not answered before, with the saga and command ids in the MDC. */
    private Outcome handle(SagaCommand command) {
        Registration<?> registration = handlers.get(command.getCommandType());
        if (registration == null) {
            return dead(DeadLetterKind.UNKNOWN_COMMAND_TYPE, "participant " + participant
                    + " has no handler for command type '" + command.getCommandType() + "' (it handles "
                    + new TreeSet<>(handlers.keySet()) + ")", command.getCommandId());
        }
        return run(registration, command);
    }

    private String contractProblem(SagaCommand command) {
        if (command.getCommandId() == null || command.getCommandId().isBlank()) {
            return "the command has no command id";
        }
        if (command.getSagaId() == null || command.getSagaId().isBlank()) {
            return "the command has no saga id";
        }
        if (command.getAttempt() < 1) {
            return "attempt must be at least 1, was " + command.getAttempt();
        }
        if (CommandKinds.fromWire(command.getKind()).isEmpty()) {
            return "unknown command kind " + command.getKind();
        }
        if (!participant.equals(command.getParticipant())) {
            return "the command is for participant '" + command.getParticipant() + "', not '" + participant + "'";
        }
        return null;
    }

    private <T> Outcome run(Registration<T> registration, SagaCommand command) {
        T payload;
        try {
            payload = json.readValue(command.getPayload(), registration.payloadType());
        } catch (JsonProcessingException e) {
            return dead(DeadLetterKind.INVALID_PAYLOAD, "the payload of " + command.getCommandType()
                    + " does not map to " + registration.payloadType().getName() + ": " + e.getOriginalMessage(),
                    command.getCommandId());
        }
        if (payload == null) {
            return dead(DeadLetterKind.INVALID_PAYLOAD, "the payload of " + command.getCommandType()
                    + " is JSON null", command.getCommandId());
        }
        CommandContext context = new CommandContext(command.getCommandId(), command.getSagaId(),
                command.getStepId(), command.getAttempt(), CommandKinds.fromWire(command.getKind()).orElseThrow(),
                participant, command.getCommandType(), command.getIssuedAt());
        T input = payload;
        String handler = "the handler of " + command.getCommandType();
        long started = System.nanoTime();
        Reply reply;
        try {
            reply = calls.call(handler, () -> registration.handler().handle(input, context));
            if (reply == null) {
                reply = Reply.retry(handler + " returned null");
            }
        } catch (BusinessFailureException e) {
            reply = Reply.failure(String.valueOf(e.getMessage()));
        } catch (DeadlineExceededException e) {
            LOG.warn("{}: {} on command {}; replying RETRIABLE_FAILURE", participant, e.getMessage(),
                    command.getCommandId());
            reply = Reply.retry(e.getMessage());
        } catch (Throwable t) {
            rethrowIfFatal(t);
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("{}: handler of {} failed on command {}; replying RETRIABLE_FAILURE", participant,
                    command.getCommandType(), command.getCommandId(), t);
            reply = Reply.retry(t.getClass().getSimpleName() + ": " + t.getMessage());
        } finally {
            meters.latency(command.getCommandType(), Duration.ofNanos(System.nanoTime() - started));
        }
        return answer(command, reply);
    }

    /** Errors the JVM cannot recover from end the worker; a stack overflow in one handler call does not. */
    static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
    }

    private Outcome answer(SagaCommand command, Reply reply) {
        ReplyEncoder.Encoded encoded = encoder.encode(new ReplyEncoder.Answering(command.getCommandId(),
                command.getSagaId(), command.getStepId(), command.getAttempt(), command.getKind(),
                command.getCommandType()), reply);
        return new Outcome.Answered(command.getCommandId(), command.getSagaId(), command.getCommandType(),
                encoded.outcome(), encoded.bytes());
    }

    private Outcome dead(DeadLetterKind kind, String reason, String commandId) {
        LOG.warn("{}: dead-lettering {}{}: {}", participant, kind, commandId == null ? "" : " command " + commandId,
                reason);
        return new Outcome.DeadLettered(kind, ReplyEncoder.truncate(reason), commandId);
    }
}
