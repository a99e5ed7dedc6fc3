package dev.skald.orchestrator.internal;

import dev.skald.saga.machine.TimerId;
import java.util.HashSet;

import dev.skald.avro.SagaStateRecord;
import dev.skald.avro.StepStateRecord;
import dev.skald.avro.TimerRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds stuck sagas: a saga is stuck when one of its steps has waited on a command (a participant's reply, a
 * compensation's reply, a child saga) since before a threshold, and no timer of that step will move it soon: within
 * as long again from now as the threshold lies in the past. So its command or reply was most likely lost. A step whose
 * short response timeout is just ahead is not stuck; one whose timer is overdue by more than the threshold is, and so
 * is one whose only timer is far ahead (the default one-hour response timeout does not hide a lost command from
 * {@code --older-than 5m}). Timers of the saga as a whole (its timeout) or of other steps do not hide a stuck step
 * either.
 */
public final class StuckSagas {
    private static final Set<String> LIVE = Set.of("RUNNING", "PAUSED", "COMPENSATING");
    private static final Set<String> WAITING_ON_COMMAND = Set.of("RUNNING", "COMPENSATING");
    /** Stands for a timer whose step can't be read: it may move any step. Not a valid step id. */
    private static final String ANY_STEP = "*any*";
    /** Stands for the saga's own timers: they move no step by themselves. Not a valid step id. */
    private static final String SAGA_LEVEL = "*saga*";

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

    /**
     * Whether a step of the saga has waited on a command since before {@code threshold} with no timer of its own due
     * between the threshold and as long again after {@code now}.
     */
    public static Optional<Stuck> check(SagaStateRecord saga, Instant threshold, Instant now) {
        if (!LIVE.contains(saga.getStatus())) {
            return Optional.empty();
        }
        Instant soon = now.plus(java.time.Duration.between(threshold, now));
        Set<String> movedLater = stepsWithTimersBetween(saga, threshold, soon);
        List<StepStateRecord> waiting = saga.getSteps().stream()
                .filter(s -> WAITING_ON_COMMAND.contains(s.getStatus()) && s.getUpdatedAt() != null
                        && s.getUpdatedAt().isBefore(threshold) && !movedLater.contains(s.getId())
                        && !movedLater.contains(ANY_STEP))
                .toList();
        if (waiting.isEmpty()) {
            return Optional.empty();
        }
        Instant since = waiting.stream().map(StepStateRecord::getUpdatedAt).min(Instant::compareTo).orElseThrow();
        return Optional.of(new Stuck(since, waiting.stream().map(StepStateRecord::getId).toList()));
    }

    /**
     * The steps with a timer due after {@code threshold} and not after {@code soon}; {@link #ANY_STEP} when a timer's
     * key names no step this code can read (then it may move any step, as a timer did before keys were read).
     */
    private static Set<String> stepsWithTimersBetween(SagaStateRecord saga, Instant threshold, Instant soon) {
        Set<String> steps = new HashSet<>();
        for (TimerRecord timer : saga.getTimers()) {
            if (timer.getDueAt().isAfter(threshold) && !timer.getDueAt().isAfter(soon)) {
                steps.add(stepOf(timer.getKey()));
            }
        }
        return steps;
    }

    private static String stepOf(String timerKey) {
        try {
            TimerId id = TimerId.parse(timerKey);
            return id.kind() == TimerId.TimerKind.SAGA_TIMEOUT ? SAGA_LEVEL : id.stepId();
        } catch (IllegalArgumentException unreadable) {
            return ANY_STEP;
        }
    }

    /** The public view of a stuck saga. */
    public static dev.skald.orchestrator.StuckSaga view(SagaStateRecord saga, Stuck stuck) {
        return new dev.skald.orchestrator.StuckSaga(saga.getSagaId(), saga.getDefinition(), saga.getVersion(),
                dev.skald.saga.machine.SagaStatus.valueOf(saga.getStatus()), saga.getUpdatedAt(),
                stuck.waitingSince(), stuck.steps());
    }
}
