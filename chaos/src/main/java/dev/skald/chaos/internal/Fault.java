package dev.skald.chaos.internal;

/**
 * One fault of the run, once its target recovered.
 *
 * @param atMillis       when it struck, in milliseconds since the run's faults began
 * @param kind           {@code kill}, {@code kill+wipe} (the orchestrator's state directory emptied too),
 *                       {@code freeze} or {@code broker-kill}
 * @param target         the process it struck
 * @param recoveryMillis from the fault to the target ready again (for a freeze: from the thaw)
 */
public record Fault(long atMillis, String kind, String target, long recoveryMillis) {
}
