package dev.skald.examples;

import dev.skald.participant.BusinessFailureException;
import dev.skald.participant.CommandContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failure injection for the example services, decided per command and reproducible: the same seed, saga, command
 * type and attempt always give the same decision, so a test can predict which sagas fail.
 *
 * <ul>
 *   <li><b>rules</b>: {@code Charge:business:0.2} fails 20% of Charge commands with a business failure (the same
 *       sagas on every attempt); {@code CreateShipment:transient:0.3} fails 30% of attempts with a transient one
 *       (each attempt decided apart, so retries may succeed); {@code SendConfirmation:slow:0.1} makes 10% of
 *       attempts work {@link Builder#slowReply} before they succeed (past a step's response timeout, say).
 *       {@code *} matches every action; a compensation fails only if a rule names its command type;</li>
 *   <li><b>slowness</b>: each handler call first works this long;</li>
 *   <li><b>stall after</b> N: the call after the N-th one handled by this process blocks until the process is
 *       killed, in the middle of its transaction (for crash drills); it prints {@code stalled after N commands}.</li>
 * </ul>
 *
 * <p>A failure is injected before the service touches its state: a failed command changed nothing.
 */
public final class FailureInjection {
    /** How an injected failure fails. */
    public enum Mode {
        /** A business failure: no retry, the saga compensates. */
        BUSINESS,
        /** A transient failure: the saga retries the step. */
        TRANSIENT,
        /** No failure, a slow reply: the handler first works the slow reply's time (each attempt decided apart). */
        SLOW
    }

    /**
     * Fail this share of a command type's commands this way.
     *
     * @param commandType a command type, or {@code *} for every action
     * @param mode        business or transient
     * @param rate        between 0 and 1
     */
    public record Rule(String commandType, Mode mode, double rate) {
        public Rule {
            Objects.requireNonNull(commandType, "commandType can't be null");
            Objects.requireNonNull(mode, "mode can't be null");
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("rate must be between 0 and 1, was " + rate);
            }
        }

        /** Parses {@code <commandType>:<business|transient|slow>:<rate>}. */
        public static Rule parse(String spec) {
            String[] parts = spec.split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("a failure rule is <commandType>:<business|transient|slow>:<rate>,"
                        + " e.g. Charge:business:0.2; got '" + spec + "'");
            }
            return new Rule(parts[0], Mode.valueOf(parts[1].trim().toUpperCase(Locale.ROOT)),
                    Double.parseDouble(parts[2]));
        }
    }

    /** Thrown for an injected transient failure; the participant replies RETRIABLE_FAILURE. */
    public static final class InjectedTransientFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedTransientFailure(String message) {
            super(message);
        }
    }

    private final List<Rule> rules;
    private final long seed;
    private final Duration slowness;
    private final Duration slowReply;
    private final int stallAfter;
    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch never = new CountDownLatch(1);

    private FailureInjection(List<Rule> rules, long seed, Duration slowness, Duration slowReply, int stallAfter) {
        this.rules = List.copyOf(rules);
        this.seed = seed;
        this.slowness = slowness;
        this.slowReply = slowReply;
        this.stallAfter = stallAfter;
    }

    /** No failures, no slowness. */
    public static FailureInjection none() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The failure, if any, of this command (pure: the same arguments always give the same answer).
     *
     * @param compensation whether the command is a compensation (only rules naming its type apply)
     */
    public Optional<Mode> decide(String sagaId, String commandType, int attempt, boolean compensation) {
        for (Rule rule : rules) {
            boolean matches = rule.commandType().equals(commandType) || rule.commandType().equals("*") && !compensation;
            if (!matches) {
                continue;
            }
            String key = rule.mode() == Mode.BUSINESS ? sagaId + "|" + commandType
                    : sagaId + "|" + commandType + "|" + attempt;
            if (draw(key) < rule.rate()) {
                return Optional.of(rule.mode());
            }
        }
        return Optional.empty();
    }

    private double draw(String key) {
        long h = seed;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h = h * 31 + b;
        }
        return new SplittableRandom(h).nextDouble();
    }

    /**
     * Called by a handler before it touches its state: works {@code slowness}, stalls if this is the call after
     * {@code stallAfter}, then throws the injected failure if {@link #decide} says so (or, for a slow reply, works
     * its time and returns).
     *
     * @throws BusinessFailureException  for an injected business failure
     * @throws InjectedTransientFailure for an injected transient failure
     */
    public void apply(CommandContext context) throws InterruptedException {
        if (!slowness.isZero()) {
            TimeUnit.NANOSECONDS.sleep(slowness.toNanos());
        }
        int call = calls.incrementAndGet();
        if (stallAfter > 0 && call > stallAfter) {
            System.out.println("stalled after " + stallAfter + " commands");
            System.out.flush();
            never.await();
        }
        Optional<Mode> failure = decide(context.sagaId(), context.commandType(), context.attempt(),
                context.isCompensation());
        if (failure.isPresent() && failure.get() == Mode.SLOW) {
            TimeUnit.NANOSECONDS.sleep(slowReply.toNanos());
        } else if (failure.isPresent()) {
            String what = "injected " + failure.get().name().toLowerCase(Locale.ROOT) + " failure of "
                    + context.commandType() + " (attempt " + context.attempt() + ")";
            if (failure.get() == Mode.BUSINESS) {
                throw new BusinessFailureException(what);
            }
            throw new InjectedTransientFailure(what);
        }
    }

    public List<Rule> rules() {
        return rules;
    }

    public Duration slowness() {
        return slowness;
    }

    @Override
    public String toString() {
        return "FailureInjection" + rules + (slowness.isZero() ? "" : ", slowness " + slowness.toMillis() + " ms")
                + (slowReply.isZero() ? "" : ", slow replies " + slowReply.toMillis() + " ms")
                + (stallAfter > 0 ? ", stall after " + stallAfter : "") + ", seed " + seed;
    }

    /** Builds a {@link FailureInjection}. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();
        private long seed = 42;
        private Duration slowness = Duration.ZERO;
        private Duration slowReply = Duration.ofSeconds(2);
        private int stallAfter;

        /** Fails this share of a command type's commands ({@code *}: every action) this way. */
        public Builder fail(String commandType, Mode mode, double rate) {
            rules.add(new Rule(commandType, mode, rate));
            return this;
        }

        public Builder rule(Rule rule) {
            rules.add(Objects.requireNonNull(rule, "rule can't be null"));
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder slowness(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("slowness must not be negative, was " + value);
            }
            slowness = value;
            return this;
        }

        /** How long a slow reply ({@link Mode#SLOW}) works before it succeeds (default 2 s). */
        public Builder slowReply(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("slowReply must not be negative, was " + value);
            }
            slowReply = value;
            return this;
        }

        /** Blocks the call after the {@code value}-th one until the process dies; 0 never. */
        public Builder stallAfter(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("stallAfter must not be negative, was " + value);
            }
            stallAfter = value;
            return this;
        }

        public FailureInjection build() {
            return new FailureInjection(rules, seed, slowness, slowReply, stallAfter);
        }
    }
}
