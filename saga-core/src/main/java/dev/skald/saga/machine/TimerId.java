package dev.skald.saga.machine;

import java.util.Comparator;
import java.util.Objects;

/**
 * Names a durable timer of a saga. Stable across replays: the same inputs set the same timer ids.
 *
 * @param kind    what the timer is for
 * @param stepId  the step it belongs to, or the empty string for saga-level timers
 * @param attempt the attempt (or round, for the saga timeout) it belongs to
 */
public record TimerId(TimerKind kind, String stepId, int attempt) implements Comparable<TimerId> {
    private static final Comparator<TimerId> ORDER = Comparator.comparing(TimerId::kind)
            .thenComparing(TimerId::stepId).thenComparingInt(TimerId::attempt);

    public TimerId {
        Objects.requireNonNull(kind, "kind can't be null");
        Objects.requireNonNull(stepId, "stepId can't be null");
    }

    /** What a timer is for. */
    public enum TimerKind {
        /** The whole saga ran out of time. */
        SAGA_TIMEOUT,
        /** A step's backoff elapsed: time for its next attempt. */
        RETRY,
        /** One attempt of a step went unanswered too long. */
        RESPONSE_TIMEOUT,
        /** A step ran out of time over all its attempts. */
        STEP_TIMEOUT,
        /** A wait step's duration elapsed. */
        WAIT,
        /** An event wait ran out of time. */
        EVENT_TIMEOUT,
        /** A compensation's backoff elapsed. */
        COMPENSATION_RETRY,
        /** One compensation attempt went unanswered too long. */
        COMPENSATION_TIMEOUT
    }

    /** The saga-level timeout of retry round {@code round}. */
    public static TimerId sagaTimeout(int round) {
        return new TimerId(TimerKind.SAGA_TIMEOUT, "", round);
    }

    /** A compact text form, {@code KIND/step/attempt}, parsed back by {@link #parse(String)}. */
    public String key() {
        return kind + "/" + stepId + "/" + attempt;
    }

    /** Parses {@link #key()}. */
    public static TimerId parse(String key) {
        int first = key.indexOf('/');
        int last = key.lastIndexOf('/');
        if (first < 0 || last == first) {
            throw new IllegalArgumentException("not a timer key: '" + key + "' (expected KIND/step/attempt)");
        }
        return new TimerId(TimerKind.valueOf(key.substring(0, first)), key.substring(first + 1, last),
                Integer.parseInt(key.substring(last + 1)));
    }

    @Override
    public int compareTo(TimerId other) {
        return ORDER.compare(this, other);
    }
}
