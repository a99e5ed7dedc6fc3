package dev.skald.saga.machine;

import java.time.Instant;
import java.util.Objects;

/** A change to a saga's durable timers. */
public sealed interface TimerOp permits TimerOp.Set, TimerOp.Cancel {

    /** The timer concerned. */
    TimerId id();

    /**
     * Set a timer to fire at {@code dueAt} (as a {@link SagaInput.TimerFired} input).
     *
     * @param id    the timer
     * @param dueAt when it fires
     */
    record Set(TimerId id, Instant dueAt) implements TimerOp {
        public Set {
            Objects.requireNonNull(id, "id can't be null");
            Objects.requireNonNull(dueAt, "dueAt can't be null");
        }
    }

    /**
     * Cancel a timer (a timer that fires anyway is ignored, since the saga no longer holds it).
     *
     * @param id    the timer
     * @param dueAt when it was due, so a store keyed by due time can find it
     */
    record Cancel(TimerId id, Instant dueAt) implements TimerOp {
        public Cancel {
            Objects.requireNonNull(id, "id can't be null");
        }
    }
}
