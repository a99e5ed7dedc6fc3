package dev.skald.participant;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skald.participant.internal.Json;
import dev.skald.participant.internal.Meters;
import dev.skald.participant.internal.ParticipantRuntime;
import dev.skald.participant.internal.Registration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A participant service: the handlers of its command types, running on Kafka.
 *
 * <pre>{@code
 * try (Participant inventory = Participant.named("inventory")
 *         .config(ParticipantConfig.builder("localhost:9092").workers(2).build())
 *         .handle("ReserveStock", ReserveStock.class, (cmd, ctx) -> Reply.success(Map.of("reservationId", ...)))
 *         .handle("ReleaseStock", ReleaseStock.class, (cmd, ctx) -> Reply.success())
 *         .start()) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Once started, each worker consumes {@code skald.commands.<name>} (read_committed) and, for every poll, writes
 * the replies to {@code skald.saga-replies}, the same replies to its reply log, dead letters to
 * {@code skald.dead-letters}, and the consumed offsets, in one Kafka transaction. A command whose id was answered
 * before (within {@link ParticipantConfig#dedupeRetention()}) is answered again with the stored reply, and its
 * handler does not run. {@code docs/participants.md} describes the design.
 *
 * <p>Lifecycle: {@link Builder#start()} returns a {@link State#RUNNING} participant once its topics exist and its
 * producers are initialized; partitions are then assigned in the background. {@link #close()} lets each worker
 * finish and commit its batch, leaves the group and ends {@link State#STOPPED}. A handler call is given
 * {@link ParticipantConfig#handlerTimeout()}: one that overruns it is interrupted and its command answered with a
 * retriable failure, and the worker goes on. Other failures are rolled back and retried, a worker replacing its
 * clients if its producer keeps being fenced; {@link #health()} says {@link ParticipantHealth.Status#DEGRADED}
 * meanwhile. A failure no retry can cure (the group refused this instance's {@code instance.id} because another live
 * instance uses it, access denied) stops every worker and ends {@link State#FAILED}, with the cause in
 * {@link #failure()}: a health check then reports it down. Thread-safe.
 */
public final class Participant implements AutoCloseable {

    /** Where a participant is in its life. */
    public enum State { RUNNING, STOPPING, STOPPED, FAILED }

    private final ParticipantRuntime runtime;

    private Participant(ParticipantRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * A builder of the participant {@code name}, which consumes {@code skald.commands.<name>}.
     *
     * @param name letters, digits, '.', '_' or '-', as in the saga definitions' {@code participant}
     */
    public static Builder named(String name) {
        Objects.requireNonNull(name, "name can't be null");
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("participant name '" + name + "' must be letters, digits, '.', '_' or"
                    + " '-' (it is part of topic names)");
        }
        return new Builder(name);
    }

    /** The participant's name. */
    public String name() {
        return runtime.name();
    }

    /** This instance's id: {@code instance.id}, or the random id it got at start. */
    public String instanceId() {
        return runtime.instanceId();
    }

    /** Its configuration. */
    public ParticipantConfig config() {
        return runtime.config();
    }

    /** Where it is in its life. */
    public State state() {
        return runtime.state();
    }

    /** Why it failed, if it is {@link State#FAILED}. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(runtime.failure());
    }

    /**
     * How it is doing, for health checks: {@link ParticipantHealth.Status#RUNNING} when every worker consumes and
     * answers commands, with each worker's state, partitions and last error.
     */
    public ParticipantHealth health() {
        return runtime.health();
    }

    /** The partitions of the command topic this instance handles now (assigned, and their reply log read). */
    public Set<Integer> partitions() {
        return runtime.partitions();
    }

    /** Its counters so far. */
    public ParticipantStats stats() {
        Meters m = runtime.meters();
        return new ParticipantStats((long) m.count(Meters.COMMANDS),
                (long) m.count(Meters.COMMANDS, "outcome", "success"),
                (long) m.count(Meters.COMMANDS, "outcome", "business_failure"),
                (long) m.count(Meters.COMMANDS, "outcome", "retriable_failure"),
                (long) m.count(Meters.DUPLICATES), (long) m.count(Meters.DEAD_LETTERS),
                (long) m.count(Meters.ABORTED), m.timedCalls(), (long) m.indexedReplies());
    }

    /** The registry its meters are in. */
    public MeterRegistry meterRegistry() {
        return runtime.meters().registry();
    }

    /**
     * Sends the outcome of a command whose handler answered {@link Reply#inProgress()}: a long-running task that
     * ended. Call it from any thread, in this process or another instance of the participant (after a restart, for
     * instance); it waits until the broker has the reply. Sending an outcome twice is harmless: the saga applies the
     * first and records the other as ignored.
     *
     * @param commandId the command's id ({@link CommandContext#commandId()})
     * @param outcome   {@link Reply#success}, {@link Reply#failure}, {@link Reply#retry}; or {@link Reply#inProgress()},
     *                  which is {@link #heartbeat}
     * @throws IllegalArgumentException when {@code commandId} is not a command id
     * @throws IllegalStateException    when the participant is not running, or the broker did not take the reply
     */
    public void complete(String commandId, Reply outcome) {
        runtime.complete(Objects.requireNonNull(commandId, "commandId can't be null"),
                Objects.requireNonNull(outcome, "outcome can't be null"));
    }

    /**
     * Tells the saga that the long-running task of this command is still going: the attempt's response timeout starts
     * again. Send one well within the step's {@code responseTimeout}.
     */
    public void heartbeat(String commandId) {
        complete(commandId, Reply.inProgress());
    }

    /** Waits until every worker has stopped (after {@link #close()} or a failure); true if they did in time. */
    public boolean awaitTermination(Duration timeout) {
        return runtime.awaitTermination(Objects.requireNonNull(timeout, "timeout can't be null"));
    }

    /**
     * Stops: each worker finishes and commits the batch in flight, then leaves the group, so its partitions move to
     * the other instances. Waits up to {@code shutdown.timeout}. Idempotent.
     */
    @Override
    public void close() {
        runtime.close();
    }

    @Override
    public String toString() {
        return "Participant[" + name() + ", " + state() + ", partitions " + partitions() + "]";
    }

    /** Registers handlers and settings, then {@link #start()}s the participant. */
    public static final class Builder {
        private final String name;
        private final Map<String, Registration<?>> handlers = new LinkedHashMap<>();
        private ParticipantConfig config;
        private ObjectMapper json;
        private MeterRegistry meterRegistry;
        private Clock clock = Clock.systemUTC();

        private Builder(String name) {
            this.name = name;
        }

        /** How it runs (required). */
        public Builder config(ParticipantConfig value) {
            config = Objects.requireNonNull(value, "config can't be null");
            return this;
        }

        /**
         * Registers the handler of a command type, for actions and compensations alike (a compensation has its own
         * command type, such as {@code ReleaseStock}). The command's JSON payload is mapped to {@code payloadType}
         * (a record, a class, {@code Map.class}, or {@code JsonNode.class} to take it as is).
         *
         * @throws IllegalArgumentException if the command type already has a handler
         */
        public <T> Builder handle(String commandType, Class<T> payloadType, CommandHandler<T> handler) {
            Registration<T> registration = new Registration<>(commandType, payloadType, handler);
            if (handlers.putIfAbsent(commandType, registration) != null) {
                throw new IllegalArgumentException("command type '" + commandType + "' already has a handler in"
                        + " participant " + name);
            }
            return this;
        }

        /**
         * The Jackson mapper of payloads and outputs. By default: unknown payload fields are ignored, nulls for
         * primitives are refused, {@code java.time} types are read and written as ISO-8601 text.
         */
        public Builder objectMapper(ObjectMapper value) {
            json = Objects.requireNonNull(value, "objectMapper can't be null");
            return this;
        }

        /** Where to register its meters; a {@code SimpleMeterRegistry} of its own by default. */
        public Builder meterRegistry(MeterRegistry value) {
            meterRegistry = Objects.requireNonNull(value, "meterRegistry can't be null");
            return this;
        }

        /** The clock of the replies' {@code repliedAt} and of the dedupe window. */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock can't be null");
            return this;
        }

        /**
         * Creates missing topics, initializes the transactional producers (aborting what a previous run of this
         * instance left open) and starts the workers.
         *
         * @throws IllegalStateException if no config or no handler was given, or the cluster cannot be reached
         */
        public Participant start() {
            if (config == null) {
                throw new IllegalStateException("participant " + name + " has no configuration: call"
                        + " config(ParticipantConfig.builder(bootstrapServers).build()) before start()");
            }
            if (handlers.isEmpty()) {
                throw new IllegalStateException("participant " + name + " has no handler: register one with"
                        + " handle(commandType, payloadType, handler) before start()");
            }
            return new Participant(ParticipantRuntime.start(name, config, handlers,
                    json != null ? json : Json.defaultMapper(),
                    meterRegistry != null ? meterRegistry : new SimpleMeterRegistry(), clock));
        }
    }
}
