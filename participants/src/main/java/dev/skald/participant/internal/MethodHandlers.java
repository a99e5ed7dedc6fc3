package dev.skald.participant.internal;

import dev.skald.participant.CommandContext;
import dev.skald.participant.CommandHandler;
import dev.skald.participant.HandlerMethods;
import dev.skald.participant.Participant;
import dev.skald.participant.Reply;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The implementation of {@link HandlerMethods}: checks a handler method's signature and adapts it. */
public final class MethodHandlers {
    private MethodHandlers() {
    }

    /** The payload type of a method that can handle commands, or empty. */
    public static Optional<Class<?>> signature(Class<?>[] args, Class<?> returnType) {
        boolean takesContext = args.length == 2 && args[1] == CommandContext.class;
        boolean payloadOk = args.length >= 1 && !args[0].isPrimitive() && args[0] != CommandContext.class;
        if (!payloadOk || (args.length != 1 && !takesContext) || !Reply.class.isAssignableFrom(returnType)) {
            return Optional.empty();
        }
        return Optional.of(args[0]);
    }

    public static String describe(Class<?> type, String methodName, Class<?>... parameterTypes) {
        return type.getName() + "." + methodName + "("
                + Arrays.stream(parameterTypes).map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")";
    }

    public static <T> Participant.Builder register(Participant.Builder builder, String commandType, Class<T> type,
                                                   boolean takesContext, HandlerMethods.Invoker invoker) {
        CommandHandler<T> handler = takesContext
                ? (payload, context) -> (Reply) invoker.invoke(payload, context)
                : (payload, context) -> (Reply) invoker.invoke(payload);
        return builder.handle(commandType, type, handler);
    }
}
