package dev.skald.participant.internal;

import dev.skald.avro.ReplyOutcome;
import dev.skald.schemas.DeadLetterKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * The participant's Micrometer meters, all tagged {@code participant=<name>}:
 * <ul>
 *   <li>{@code skald.participant.commands} (counter; tags {@code type}, {@code outcome} = success,
 *       business_failure, retriable_failure): commands handled and answered, counted when their transaction
 *       commits;</li>
 *   <li>{@code skald.participant.duplicates} (counter; tag {@code type}): redelivered commands answered from the
 *       reply log without running the handler;</li>
 *   <li>{@code skald.participant.dead.letters} (counter; tag {@code kind}): commands sent to the dead-letter
 *       topic;</li>
 *   <li>{@code skald.participant.handler.latency} (timer; tag {@code type}): every handler call, including those
 *       whose transaction later aborted;</li>
 *   <li>{@code skald.participant.transactions.aborted} (counter): batches rolled back and handled again;</li>
 *   <li>{@code skald.participant.replies.indexed} (gauge): replies held in memory to answer redeliveries.</li>
 * </ul>
 */
public final class Meters {
    public static final String COMMANDS = "skald.participant.commands";
    public static final String DUPLICATES = "skald.participant.duplicates";
    public static final String DEAD_LETTERS = "skald.participant.dead.letters";
    public static final String LATENCY = "skald.participant.handler.latency";
    public static final String ABORTED = "skald.participant.transactions.aborted";
    public static final String INDEXED = "skald.participant.replies.indexed";

    private final MeterRegistry registry;
    private final String participant;

    public Meters(MeterRegistry registry, String participant) {
        this.registry = registry;
        this.participant = participant;
    }

    public MeterRegistry registry() {
        return registry;
    }

    void answered(String commandType, ReplyOutcome outcome) {
        Counter.builder(COMMANDS).tag("participant", participant).tag("type", commandType)
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .description("Commands handled and answered").register(registry).increment();
    }

    void duplicate(String commandType) {
        Counter.builder(DUPLICATES).tag("participant", participant).tag("type", commandType)
                .description("Redelivered commands answered from the reply log").register(registry).increment();
    }

    void deadLetter(DeadLetterKind kind) {
        Counter.builder(DEAD_LETTERS).tag("participant", participant).tag("kind", kind.name())
                .description("Commands sent to the dead-letter topic").register(registry).increment();
    }

    void latency(String commandType, Duration duration) {
        Timer.builder(LATENCY).tag("participant", participant).tag("type", commandType)
                .description("Handler calls").register(registry).record(duration);
    }

    void aborted() {
        Counter.builder(ABORTED).tag("participant", participant)
                .description("Transactions rolled back and handled again").register(registry).increment();
    }

    /** The sum of a counter over every tag value but {@code participant}. */
    public double count(String name) {
        return registry.find(name).tag("participant", participant).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** The sum of a counter over the meters with this tag. */
    public double count(String name, String tag, String value) {
        return registry.find(name).tag("participant", participant).tag(tag, value).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** Handler calls timed so far. */
    public long timedCalls() {
        return registry.find(LATENCY).tag("participant", participant).timers().stream()
                .mapToLong(Timer::count).sum();
    }

    /** The current value of the indexed-replies gauge. */
    public double indexedReplies() {
        Gauge gauge = registry.find(INDEXED).tag("participant", participant).gauge();
        return gauge == null ? 0 : gauge.value();
    }
}
