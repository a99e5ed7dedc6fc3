package dev.skald.saga.machine;

import java.util.Objects;

/**
 * One row of a transition table: in status {@code from}, on {@code trigger} (when {@code route} holds), go to
 * {@code to}. {@code from} is null for the saga's first transition.
 *
 * @param <S>     the status type
 * @param from    the status before, or null for the initial transition
 * @param trigger what happened
 * @param route   the guard
 * @param to      the status after
 */
public record Transition<S extends Enum<S>>(S from, Trigger trigger, Route route, S to) {
    public Transition {
        Objects.requireNonNull(trigger, "trigger can't be null");
        Objects.requireNonNull(route, "route can't be null");
        Objects.requireNonNull(to, "to can't be null");
    }

    @Override
    public String toString() {
        return (from == null ? "[*]" : from.name()) + " --" + trigger + (route == Route.ALWAYS ? "" : "/" + route)
                + "--> " + to;
    }
}
