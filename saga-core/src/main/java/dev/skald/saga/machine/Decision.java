package dev.skald.saga.machine;

import java.util.List;
import java.util.Optional;

/**
 * What the machine decided about one input.
 *
 * @param state     the saga's new state; null only when a rejected input concerned no saga
 * @param commands  commands to send, in order
 * @param timers    timers to set or cancel, in order
 * @param events    history events, in order
 * @param rejection why the input could not apply at all (no such saga, no such step), or null; the caller sends such
 *                  inputs to the dead-letter topic
 */
public record Decision(SagaState state, List<Command> commands, List<TimerOp> timers, List<SagaEvent> events,
                       String rejection) {
    public Decision {
        commands = List.copyOf(commands);
        timers = List.copyOf(timers);
        events = List.copyOf(events);
    }

    /** Why the input was rejected, if it was. */
    public Optional<String> rejected() {
        return Optional.ofNullable(rejection);
    }
}
