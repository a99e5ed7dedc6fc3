package dev.skald.participant;

import dev.skald.participant.internal.MethodHandlers;
import java.util.Objects;
import java.util.Optional;

/**
 * Methods of an object as command handlers, for the framework integrations that find handler methods by annotation
 * (participants-micronaut, participants-spring). A handler method is
 * {@code Reply name(T payload, CommandContext context)} or {@code Reply name(T payload)}: the command's JSON payload
 * is mapped to {@code T}, and what the method returns or throws decides the reply as for a {@link CommandHandler}.
 *
 * <pre>{@code
 * HandlerMethods.Signature signature = HandlerMethods.signature(method.getParameterTypes(), method.getReturnType())
 *     .orElseThrow(() -> new IllegalStateException(HandlerMethods.describe(type, method.getName(),
 *         method.getParameterTypes()) + ": a handler method must be " + HandlerMethods.SHAPES));
 * signature.register(builder, "ReserveStock", args -> method.invoke(bean, args));
 * }</pre>
 */
public final class HandlerMethods {

    /** The accepted signatures, in words, for error messages. */
    public static final String SHAPES = "'Reply name(T payload, CommandContext context)' or 'Reply name(T payload)',"
            + " with T the payload's type (a record, a class, Map or JsonNode)";

    private HandlerMethods() {
    }

    /**
     * Calls a handler method with its arguments (the payload, then the context if it takes one). It throws what the
     * method throws, unwrapped: a {@link BusinessFailureException} must reach the participant as it is.
     */
    @FunctionalInterface
    public interface Invoker {
        /** Calls the method; returns what it returns. */
        Object invoke(Object... arguments) throws Exception;
    }

    /**
     * The signature of a handler method.
     *
     * @param payloadType  the type the payload is mapped to
     * @param takesContext whether the method takes the {@link CommandContext} as its second argument
     */
    public record Signature(Class<?> payloadType, boolean takesContext) {
        public Signature {
            Objects.requireNonNull(payloadType, "payloadType can't be null");
        }

        /** Registers a method of this signature, called through {@code invoker}, as the handler of a command type. */
        public Participant.Builder register(Participant.Builder builder, String commandType, Invoker invoker) {
            Objects.requireNonNull(invoker, "invoker can't be null");
            return MethodHandlers.register(builder, commandType, payloadType, takesContext, invoker);
        }
    }

    /**
     * The signature of a method with these parameter and return types, or empty if it cannot handle commands (the
     * message to give is then {@link #SHAPES}).
     */
    public static Optional<Signature> signature(Class<?>[] parameterTypes, Class<?> returnType) {
        Objects.requireNonNull(parameterTypes, "parameterTypes can't be null");
        Objects.requireNonNull(returnType, "returnType can't be null");
        return MethodHandlers.signature(parameterTypes, returnType)
                .map(payload -> new Signature(payload, parameterTypes.length == 2));
    }

    /** {@code com.acme.InventoryHandlers.reserve(ReserveStock, CommandContext)}: a method, for error messages. */
    public static String describe(Class<?> type, String methodName, Class<?>... parameterTypes) {
        return MethodHandlers.describe(type, methodName, parameterTypes);
    }
}
