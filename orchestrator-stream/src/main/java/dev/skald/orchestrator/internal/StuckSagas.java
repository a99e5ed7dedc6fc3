package dev.skald.orchestrator.internal;

import dev.skald.avro.SagaStateRecord;
import dev.skald.avro.StepStateRecord;
import dev.skald.avro.TimerRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds stuck sagas: a saga is stuck when one of its steps has waited on a command (a participant's reply, a
 * compensation's reply, a child saga) since before a threshold, and no timer of the saga is due after that
 * threshold: nothing that is scheduled will move it, so its command or reply was most likely lost. A saga whose
 * response timeout is still ahead is not stuck; one whose timer is overdue by more than the threshold is.
 */
public final class StuckSagas {
    private static final Set<String> LIVE = Set.of("RUNNING", "PAUSED", "COMPENSATING");
    private static final Set<String> WAITING_ON_COMMAND = Set.of("RUNNING", "COMPENSATING");

    private StuckSagas() {
    }

    /**
     * How a saga is stuck, if it is.
     *
     * @param waitingSince when the longest-waiting step was sent its command
     * @param steps        the steps waiting on a command since before the threshold
     */
    public record Stuck(Instant waitingSince, List<String> steps) {
    }

    /** Whether the saga has waited on a command since before {@code threshold} with no timer due after it. */
    public static Optional<Stuck> check(SagaStateRecord saga, Instant threshold) {
        if (!LIVE.contains(saga.getStatus())) {
            return Optional.empty();
        }
        for (TimerRecord timer : saga.getTimers()) {
            if (timer.getDueAt().isAfter(threshold)) {
                return Optional.empty();
            }
        }
        List<StepStateRecord> waiting = saga.getSteps().stream()
                .filter(s -> WAITING_ON_COMMAND.contains(s.getStatus()) && s.getUpdatedAt() != null
                        && s.getUpdatedAt().isBefore(threshold))
                .toList();
        if (waiting.isEmpty()) {
            return Optional.empty();
        }
        Instant since = waiting.stream().map(StepStateRecord::getUpdatedAt).min(Instant::compareTo).orElseThrow();
        return Optional.of(new Stuck(since, waiting.stream().map(StepStateRecord::getId).toList()));
    }

    /** The public view of a stuck saga. */
    public static dev.skald.orchestrator.StuckSaga view(SagaStateRecord saga, Stuck stuck) {
        return new dev.skald.orchestrator.StuckSaga(saga.getSagaId(), saga.getDefinition(), saga.getVersion(),
                dev.skald.saga.machine.SagaStatus.valueOf(saga.getStatus()), saga.getUpdatedAt(),
                stuck.waitingSince(), stuck.steps());
    }
}
