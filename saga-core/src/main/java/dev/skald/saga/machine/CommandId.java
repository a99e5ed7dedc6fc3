package dev.skald.saga.machine;

import dev.skald.saga.definition.Identifiers;
import java.util.Optional;

/**
 * The parts of a command id, {@code sagaId:stepId:attempt:kind} ({@link Command#id}). A saga id may hold {@code :},
 * so an id is read from its end.
 *
 * @param sagaId  the saga
 * @param stepId  the step
 * @param attempt the attempt, at least 1
 * @param kind    {@link CommandKind#ACTION} or {@link CommandKind#COMPENSATION}
 */
public record CommandId(String sagaId, String stepId, int attempt, CommandKind kind) {

    /** The id's parts, or empty when {@code id} is not an action's or a compensation's command id. */
    public static Optional<CommandId> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        int kindAt = id.lastIndexOf(':');
        int attemptAt = kindAt > 0 ? id.lastIndexOf(':', kindAt - 1) : -1;
        int stepAt = attemptAt > 0 ? id.lastIndexOf(':', attemptAt - 1) : -1;
        if (stepAt <= 0) {
            return Optional.empty();
        }
        String sagaId = id.substring(0, stepAt);
        String stepId = id.substring(stepAt + 1, attemptAt);
        Optional<CommandKind> kind = kind(id.substring(kindAt + 1));
        Optional<Integer> attempt = attempt(id.substring(attemptAt + 1, kindAt));
        if (kind.isEmpty() || attempt.isEmpty() || !Identifiers.SAGA_ID.valid(sagaId)
                || !Identifiers.STEP_ID.valid(stepId)) {
            return Optional.empty();
        }
        return Optional.of(new CommandId(sagaId, stepId, attempt.get(), kind.get()));
    }

    private static Optional<CommandKind> kind(String text) {
        return switch (text) {
            case "action" -> Optional.of(CommandKind.ACTION);
            case "compensation" -> Optional.of(CommandKind.COMPENSATION);
            default -> Optional.empty();
        };
    }

    private static Optional<Integer> attempt(String text) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int attempt = Integer.parseInt(text);
        return attempt >= 1 ? Optional.of(attempt) : Optional.empty();
    }

    /** The id these parts make. */
    public String id() {
        return Command.id(sagaId, stepId, attempt, kind);
    }
}
