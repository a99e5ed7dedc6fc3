package dev.skald.participant;

/**
 * The business code of one command type: turns a command's payload into a {@link Reply}.
 *
 * <p>A handler runs on a thread of its own for one command at a time per worker, and has
 * {@link ParticipantConfig#handlerTimeout()} to answer: past it, the thread is interrupted and the command answered
 * with a transient failure saying so (whatever the handler returns later is dropped). What it returns, or throws,
 * decides the reply:
 * <ul>
 *   <li>{@link Reply#success(Object)}: the step completed, with this output (written as JSON);</li>
 *   <li>{@link Reply#failure(String)} or a thrown {@link BusinessFailureException}: the step failed for a business
 *       reason and is not retried; the saga compensates;</li>
 *   <li>{@link Reply#retry(String)} or any other exception: a transient failure; the saga retries the step as its
 *       retry policy says, with a new attempt (and so a new command id).</li>
 * </ul>
 *
 * <p>The reply reaches Kafka exactly once, but the handler itself may run again for the same command if the
 * participant crashes before its transaction commits. Side effects outside Kafka (a database, an HTTP call) must
 * therefore be idempotent: use {@link CommandContext#commandId()} as their idempotency key.
 *
 * @param <T> the payload type the command's JSON payload is mapped to
 */
@FunctionalInterface
public interface CommandHandler<T> {

    /**
     * Handles one command.
     *
     * @param command the payload, mapped from JSON to {@code T}
     * @param context the command's identity: command id, saga id, step id, attempt, kind
     * @return the reply; never null
     * @throws Exception a {@link BusinessFailureException} for a business failure, anything else for a transient one
     */
    Reply handle(T command, CommandContext context) throws Exception;
}
