package dev.skald.participant.internal;

import dev.skald.participant.CommandHandler;
import java.util.Objects;

/**
 * A handler registered for a command type.
 *
 * @param commandType the command type it handles
 * @param payloadType the type the JSON payload is mapped to
 * @param handler     the business code
 * @param <T>         the payload type
 */
public record Registration<T>(String commandType, Class<T> payloadType, CommandHandler<T> handler) {
    public Registration {
        Objects.requireNonNull(commandType, "commandType can't be null");
        Objects.requireNonNull(payloadType, "payloadType can't be null");
        Objects.requireNonNull(handler, "handler can't be null");
        if (commandType.isBlank()) {
            throw new IllegalArgumentException("commandType must not be blank");
        }
    }
}
