package dev.skald.chaos.internal;

import dev.skald.avro.CommandKind;
import dev.skald.avro.ReplyOutcome;
import dev.skald.avro.SagaReply;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The effects the participants committed, counted from their committed replies: for each saga and step, how many
 * actions and how many compensations succeeded.
 */
public final class Effects {
    /** The steps whose effects are undone by a compensation. */
    public static final List<String> UNDOABLE = List.of("reserve", "charge", "ship");

    private final Map<String, int[]> counts = new HashMap<>();

    /** The effects of these replies. */
    public static Effects of(List<SagaReply> replies) {
        Effects effects = new Effects();
        for (SagaReply reply : replies) {
            if (reply.getOutcome() == ReplyOutcome.SUCCESS) {
                int[] count = effects.counts.computeIfAbsent(key(reply.getSagaId(), reply.getStepId()), k -> new int[2]);
                count[reply.getKind() == CommandKind.COMPENSATION ? 1 : 0]++;
            }
        }
        return effects;
    }

    /** How many actions of this step of this saga succeeded. */
    public int done(String sagaId, String stepId) {
        return counts.getOrDefault(key(sagaId, stepId), new int[2])[0];
    }

    /** How many compensations of this step of this saga succeeded. */
    public int undone(String sagaId, String stepId) {
        return counts.getOrDefault(key(sagaId, stepId), new int[2])[1];
    }

    /**
     * What is wrong with a saga that ended with {@code status}, or null: a completed saga did each undoable step once
     * and undid none; a compensated one undid each step it did.
     */
    public String violation(String sagaId, String status) {
        for (String step : UNDOABLE) {
            int done = done(sagaId, step);
            int undone = undone(sagaId, step);
            boolean kept = switch (status) {
                case "COMPLETED" -> done == 1 && undone == 0;
                case "COMPENSATED" -> done == undone && done <= 1;
                default -> false;
            };
            if (!kept) {
                return sagaId + " ended " + status + " with step " + step + " done " + done + " time(s) and undone "
                        + undone + " time(s)";
            }
        }
        return null;
    }

    private static String key(String sagaId, String stepId) {
        return sagaId + "\u0000" + stepId;
    }
}
